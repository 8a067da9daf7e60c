import { readFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** Waits until the autosave has gone through (the status line says "Gespeichert um …"). */
async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /Gespeichert um/ })).toBeVisible({
    timeout: 10_000,
  })
}

/** Signs in and makes sure the interface speaks German (another spec may have switched the profile). */
async function signInGerman(page: Page, username: string): Promise<void> {
  await signIn(page, username)
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
}

/** Goes to the next step of the guided form and waits for its heading. */
async function next(page: Page, heading: RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Weiter:/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused()
}

test('a researcher registers a realistic case through every step and submits it', async ({ page }) => {
  await signInGerman(page, 'researcher')
  await page.getByRole('link', { name: 'Kooperationen', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Meine Kooperationen' })).toBeVisible()
  await expectAccessible(page)
  await page
    .getByRole('link', { name: /Kooperation registrieren/ })
    .first()
    .click()

  // 1 Project
  await expect(page.getByRole('heading', { level: 2, name: 'Vorhaben' })).toBeVisible()
  await page.getByLabel('Titel', { exact: true }).fill('Gemeinsames GNSS-Monitoring der Longmenshan-Störung')
  await expectSaved(page)
  await expect(page).toHaveURL(/\/collaborations\/[0-9a-f-]+\/edit/)
  await page.getByLabel(/^Akronym/).fill('LONGMEN-GNSS')
  await page
    .getByLabel('Kurzfassung')
    .fill(
      'Wir verbinden die GNSS-Stationen beider Partner zu einem gemeinsamen Netz und werten die Zeitreihen gemeinsam aus.',
    )
  await page
    .getByLabel('Beschreibung des Vorhabens')
    .fill(
      'Das Vorhaben kombiniert kontinuierliche GNSS-Zeitreihen beider Partner in einer gemeinsamen Netzlösung. ' +
        'Ziel ist ein besseres Verständnis der Deformation an der Longmenshan-Störung nach dem Wenchuan-Erdbeben. ' +
        'Wir veröffentlichen Methoden und Ergebnisse offen; Rohdaten bleiben bei den jeweiligen Betreibern.',
    )
  await page.getByLabel('Fachgebiet suchen').fill('Geodäsie')
  await page.getByRole('checkbox', { name: /343-02/ }).check()
  await page.getByLabel(/^Schlagwörter/).fill('GNSS, Geodäsie')
  await page.getByLabel(/^Schlagwörter/).press('Enter')
  await expect(page.getByRole('button', { name: 'Schlagwort „GNSS“ entfernen' })).toBeVisible()
  await page.getByRole('radio', { name: /^3 – / }).check()
  await expectSaved(page)
  await expectAccessible(page)
  await screenshot(page, 'collab-form-project')

  // 2 People & partners: the researcher is already the principal investigator
  await next(page, /Personen & Partner/)
  await expect(page.getByText('Dr. Lena Hoffmann').first()).toBeVisible()
  await page.getByRole('button', { name: /Partner hinzufügen/ }).click()
  await page.getByLabel('Name in Originalschrift').fill('中国地震局地质研究所')
  await page.getByLabel('Englischer Name').fill('Institute of Geology, China Earthquake Administration')
  await page.getByLabel('Land', { exact: true }).selectOption('CN')
  await page.getByLabel('Art der Einrichtung').selectOption('research_institute')
  await page.getByLabel(/^Ansprechperson beim Partner/).fill('Prof. Wang Min')
  await page.getByLabel(/^Funktion der Ansprechperson/).fill('Leiter der GNSS-Gruppe')
  // No form control asks for a person's nationality or origin (texts may say that it is never a factor).
  await expect(
    page.getByLabel(/\b(Nationalität|Staatsangehörigkeit|Herkunft|nationality|origin)\b/i),
  ).toHaveCount(0)
  await expectAccessible(page)

  // 3 Activities
  await next(page, /Aktivitäten/)
  await page.getByRole('checkbox', { name: /Gemeinsame Forschung/ }).check()
  await page.getByRole('checkbox', { name: /Gemeinsame Veröffentlichungen/ }).check()
  await page.getByRole('checkbox', { name: /Personalaustausch/ }).check()
  await page.getByRole('radio', { name: 'In beide Richtungen' }).check()
  await page.getByLabel('Dauer des Austauschs').fill('3')

  // 4 Data & samples
  await next(page, /Daten & Proben/)
  await page.getByRole('checkbox', { name: /^Geodaten/ }).check()
  await page.getByLabel(/^Wo werden Daten und Proben gespeichert/).fill('Rechenzentrum des Instituts')
  await page.getByLabel(/^Wer hat Zugriff/).fill('Die benannten Projektbeteiligten beider Partner')

  // 5 Funding
  await next(page, /Förderung/)
  await page.getByRole('button', { name: /Fördergeber hinzufügen/ }).click()
  await page.getByRole('textbox', { name: 'Fördergeber 1' }).fill('Deutsche Forschungsgemeinschaft')
  await page.getByLabel(/^Programm \/ Ausschreibung/).fill('Sino-German Cooperation Group')

  // 6 Interests & exits
  await next(page, /Interessen & Ausstieg/)
  await page
    .getByLabel('Gegenseitigkeit')
    .fill('Beide Seiten bringen Stationen und Personal ein; gleiche Zugangsregeln.')
  await page
    .getByLabel('Ausstiegsmöglichkeiten')
    .fill('Kündigung mit drei Monaten Frist; Daten bleiben nutzbar.')
  await page.getByLabel('Geplanter Beginn').fill('2027-01-01')
  await page.getByLabel('Geplantes Ende').fill('2029-12-31')
  await expectAccessible(page)

  // 7 Questionnaire: all "yes" but one "no", which asks for an explanation right there
  await next(page, /Exportkontrolle & Datensicherheit/)
  const questions = page.locator('.question')
  const count = await questions.count()
  expect(count).toBeGreaterThan(5)
  for (let index = 0; index < count; index++) {
    await questions.nth(index).getByRole('radio', { name: 'Ja', exact: true }).check()
  }
  const civil = page.getByRole('group', { name: /ausschließlich für zivile Zwecke/ })
  await civil.getByRole('radio', { name: 'Nein', exact: true }).check()
  const explanation = page.getByLabel('Erläuterung zu Ihrem „Nein“ (erforderlich)')
  await expect(explanation).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'collab-form-questionnaire')

  // 8 Attachments
  await next(page, /Anhänge/)
  await expect(page.getByText(/Höchstens 20 MB je Datei/)).toBeVisible()
  await page.getByLabel('Datei', { exact: true }).setInputFiles({
    name: 'Kooperationsvereinbarung-Entwurf.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  })
  await page.getByRole('button', { name: 'Hochladen' }).click()
  await expect(page.getByRole('link', { name: 'Kooperationsvereinbarung-Entwurf.pdf' })).toBeVisible()

  // 9 Summary: the missing explanation is listed and leads straight to the field
  await next(page, /Überblick & Einreichen/)
  await expect(page.getByText('Ein „Nein“ braucht eine kurze Erläuterung.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: /Erläuterung zu „Sind die erwarteten Ergebnisse/ }).click()
  await expect(explanation).toBeFocused()
  await expect(page.getByText('Ein „Nein“ braucht eine kurze Erläuterung.')).toBeVisible()
  await explanation.fill(
    'Die Ergebnisse sind zivil; der Partner gehört aber zu einer Behörde, deshalb „Nein“ mit Hinweis.',
  )
  await expectSaved(page)
  await page
    .getByRole('navigation', { name: 'Fortschritt' })
    .getByRole('button', { name: /Überblick & Einreichen/ })
    .click()
  await expect(page.getByText('Alles vollständig')).toBeVisible()
  await screenshot(page, 'collab-form-summary')
  await page.getByRole('button', { name: 'Kooperation einreichen' }).click()

  // The case page: submitted, the file lies with the research-security office
  await expect(page).toHaveURL(/\/collaborations\/[0-9a-f-]+$/)
  await expect(page.getByText(/^Eingereicht\. Die Forschungssicherheit/)).toBeVisible()
  const where = page.getByRole('region', { name: 'Wo steht der Vorgang?' })
  await expect(where.getByText('Eingangsprüfung')).toBeVisible()
  await expect(where.locator('.where__holder')).toContainText('Forschungssicherheit')
  await expect(page.getByText(/hat den Vorgang eingereicht/)).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'collab-case-submitted')
})

test('an amendment of a decided case shows the decision-maker a field-by-field diff', async ({ page }) => {
  await signInGerman(page, 'researcher')
  // GRID is approved in the demo data; UPGRADE and Blue-Action (active) stand in when GRID was amended before.
  let acronym = ''
  for (const candidate of ['GRID', 'UPGRADE', 'Blue-Action']) {
    await page.goto(`/collaborations?q=${candidate}`)
    await page.getByRole('link', { name: new RegExp(`^${candidate} – `) }).click()
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(candidate) })).toBeVisible()
    if (await page.getByRole('button', { name: 'Änderung melden' }).isVisible()) {
      acronym = candidate
      break
    }
  }
  expect(acronym).not.toBe('')
  await expect(page.getByRole('heading', { name: /^Entscheidung: Genehmigt/ })).toBeVisible()
  await page.getByRole('button', { name: 'Änderung melden' }).click()

  await expect(page).toHaveURL(/\/edit/)
  await expect(page.getByText('Sie bearbeiten eine Änderung')).toBeVisible()
  const newTitle = `${await page.getByLabel('Titel', { exact: true }).inputValue()} – extended`
  await page.getByLabel('Titel', { exact: true }).fill(newTitle)
  await expectSaved(page)
  // A checklist that applies since the last decision (e.g. from the newer pre-assessment) is answered too.
  await page
    .getByRole('navigation', { name: 'Fortschritt' })
    .getByRole('button', { name: /Exportkontrolle & Datensicherheit/ })
    .click()
  const questions = page.locator('.question')
  for (let index = 0; index < (await questions.count()); index++) {
    const question = questions.nth(index)
    if ((await question.getByRole('radio', { checked: true }).count()) === 0) {
      await question.getByRole('radio', { name: 'Ja', exact: true }).check()
    }
  }
  await expectSaved(page)
  await page
    .getByRole('navigation', { name: 'Fortschritt' })
    .getByRole('button', { name: /Überblick & Einreichen/ })
    .click()
  await page.getByRole('button', { name: 'Änderung einreichen' }).click()
  await expect(page).toHaveURL(/\/collaborations\/[0-9a-f-]+$/)
  const caseUrl = page.url()

  await page.context().clearCookies()
  await signInGerman(page, 'decision-maker')
  await page.goto(caseUrl)
  const diff = page.getByRole('region', { name: /Änderungen gegenüber der entschiedenen Fassung/ })
  await expect(diff.getByRole('rowheader', { name: 'Titel' })).toBeVisible()
  await expect(diff.getByText(newTitle)).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'collab-case-diff')
})

test('the admin imports a register: a bad row blocks everything, the corrected file imports', async ({
  page,
}) => {
  await signInGerman(page, 'admin')
  await page.goto('/collaborations/import')
  await expect(page.getByRole('heading', { level: 1, name: 'Register importieren' })).toBeVisible()
  await expectAccessible(page)

  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'CSV-Vorlage herunterladen' }).click()
  const template = await readFile(await (await downloading).path(), 'utf8')
  const [header, example] = template.trim().split(/\r?\n/)
  expect(header).toContain('title')
  const run = Date.now().toString(36).toUpperCase()
  const good = example
    ?.replace('LONGMEN-GNSS', `IMP-${run}-A`)
    .replace('Joint GNSS monitoring', 'Imported monitoring A')
  const badTrl = example
    ?.replace('LONGMEN-GNSS', `IMP-${run}-B`)
    .replace('Joint GNSS monitoring', 'Imported monitoring B')
    .replace(',2,GEO.1,', ',12,GEO.1,')
  const fixed = badTrl?.replace(',12,GEO.1,', ',4,GEO.1,')
  expect(badTrl).not.toEqual(example)

  const file = page.getByLabel('CSV-Datei')
  await file.setInputFiles({
    name: 'register.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, good, badTrl].join('\n')),
  })
  await page.getByRole('button', { name: 'Prüfen' }).click()
  await expect(page.getByText('1 von 2 Zeilen abgelehnt')).toBeVisible()
  await expect(page.getByText(/Es wurde nichts importiert/)).toBeVisible()
  await expect(page.getByRole('cell', { name: /trl/ })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Importieren' })).toBeDisabled()
  await expectAccessible(page)
  await screenshot(page, 'collab-import-rejected')

  await file.setInputFiles({
    name: 'register.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, good, fixed].join('\n')),
  })
  await page.getByRole('button', { name: 'Prüfen' }).click()
  await expect(page.getByText('Alle 2 Zeilen sind in Ordnung')).toBeVisible()
  await page.getByRole('button', { name: 'Importieren' }).click()
  await expect(page.getByText('2 Vorgang/Vorgänge importiert')).toBeVisible()
  await page.getByRole('link', { name: 'Zur Liste aller Vorgänge' }).click()
  await expect(
    page.getByRole('link', { name: new RegExp(`IMP-${run}-A – Imported monitoring A`) }),
  ).toBeVisible()
  await expect(
    page.getByRole('link', { name: new RegExp(`IMP-${run}-B – Imported monitoring B`) }),
  ).toBeVisible()
  await expectAccessible(page)
})
