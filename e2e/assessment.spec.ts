import { expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** Signs in and makes sure the interface speaks German (another spec may have switched the profile). */
async function signInGerman(page: Page, username: string): Promise<void> {
  await signIn(page, username)
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
}

const civil =
  'Wir betreiben gemeinsam ein Wetterradar zur Niederschlagsmessung in Gebirgsregionen ' +
  'und vergleichen die Radardaten mit Bodenstationen, um Starkregen früher vorherzusagen.'
const controlled =
  ' Für Messflüge bauen wir zusätzlich Drohnen mit 3 Stunden Flugdauer außerhalb der Sichtweite des Piloten.'

test('the side panel pre-assesses the description as it grows and shows its evidence', async ({
  page,
  browser,
}) => {
  await signInGerman(page, 'researcher')
  await page.goto('/collaborations/new')
  await expect(page.getByRole('heading', { level: 2, name: 'Vorhaben' })).toBeVisible()
  const panel = page.getByRole('region', { name: 'Dual-Use-Vorabprüfung' })
  await expect(panel).toContainText('entscheiden tun die Fachstellen')

  // A civil description: low risk, the weather-radar note of 6A008 is quoted and does not count.
  await page.getByLabel('Titel', { exact: true }).fill('Starkregen-Frühwarnung im Gebirge')
  await page.getByLabel('Beschreibung des Vorhabens').fill(civil)
  await expect(panel.getByText('Geringes Risiko', { exact: true })).toBeVisible({ timeout: 10_000 })
  await expect(panel.getByRole('button', { name: /Durch Anmerkung oder Schwelle ausgenommen/ })).toBeVisible()

  // The description grows by a controlled technology in everyday German: the panel updates.
  await page.getByLabel('Beschreibung des Vorhabens').press('End')
  await page.getByLabel('Beschreibung des Vorhabens').pressSequentially(controlled, { delay: 5 })
  const candidate = panel.getByRole('button', { name: /^9A012/ })
  await expect(candidate).toBeVisible({ timeout: 10_000 })
  await expect(panel.getByText(/^(Erhöhtes|Hohes) Risiko$/)).toBeVisible()

  // The draft is saved (and gets its address) before the evidence is opened.
  await expect(page.getByRole('status').filter({ hasText: /Gespeichert um/ })).toBeVisible({
    timeout: 10_000,
  })
  await expect(page).toHaveURL(/\/collaborations\/[0-9a-f-]+\/edit/)
  await expect(candidate).toBeVisible()

  // One click opens the evidence: project passage and entry passage with the terms marked.
  await candidate.click()
  await expect(candidate).toHaveAttribute('aria-expanded', 'true')
  const evidence = panel.locator('.assessment-evidence').first()
  await expect(
    evidence.locator('.assessment-passage--project mark').filter({ hasText: 'Drohnen' }),
  ).toBeVisible()
  await expect(
    evidence
      .locator('.assessment-passage--entry mark')
      .filter({ hasText: /unmanned/i })
      .first(),
  ).toBeVisible()
  await expect(evidence.locator('.assessment-thresholds')).toContainText('3 Stunden')
  await expectAccessible(page)
  await screenshot(page, 'assessment-panel')

  // The full entry opens in a dialog, with the matching passages marked.
  await evidence.getByRole('button', { name: 'Volltext von 9A012 öffnen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Anhang I, Position 9A012' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('natural vision')
  await expect(dialog.locator('mark').first()).toBeVisible()
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Schließen' }).click()
  await expect(dialog).toBeHidden()

  // The case page: the stored assessment with its versions, made on request.
  await expect(page).toHaveURL(/\/collaborations\/[0-9a-f-]+\/edit/, { timeout: 10_000 })
  await page.getByRole('link', { name: 'Zur Vorgangsseite' }).click()
  const section = page.getByRole('region', { name: 'Dual-Use-Vorabprüfung' })
  await expect(section).toContainText('noch nicht vorab geprüft')
  await section.getByRole('button', { name: 'Jetzt prüfen' }).click()
  await expect(section.getByRole('button', { name: /^9A012/ })).toBeVisible()
  await expect(section).toContainText('Verwendete Referenzdaten')
  await expect(section).toContainText('02021R0821')
  await expect(section.getByRole('button', { name: 'Erneut prüfen' })).toBeVisible()
  await expectAccessible(page)

  // The admin pages: areas and no-go rules; a rule condition the server refuses is shown at the field.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signInGerman(admin, 'admin')
  await admin.goto('/admin/assessment')
  await expect(admin.getByRole('heading', { level: 1, name: 'Dual-Use-Vorabprüfung' })).toBeVisible()
  await expect(
    admin.getByRole('button', { name: /Bearbeiten: Quantentechnologie|Bearbeiten: Quanten/ }),
  ).toBeVisible()
  await expectAccessible(admin)
  await admin.getByRole('link', { name: 'No-go-Regeln' }).click()
  await admin.getByRole('button', { name: /Regel hinzufügen/ }).click()
  const ruleDialog = admin.getByRole('dialog', { name: 'Regel hinzufügen' })
  await ruleDialog.getByLabel('Schlüssel').fill('e2e_rule')
  await ruleDialog.getByLabel('Name (Englisch)').fill('Test rule')
  await ruleDialog.getByLabel('Erklärung für Forschende (Englisch)').fill('Only a test.')
  await ruleDialog.getByLabel('Bedingung').fill('trl >= = 7')
  await ruleDialog.getByRole('button', { name: 'Als neue Version speichern' }).click()
  await expect(ruleDialog.locator('.field--invalid').filter({ hasText: 'Bedingung' })).toContainText(
    /character/,
  )
  await ruleDialog.getByRole('button', { name: 'Abbrechen' }).click()
  await admin.getByRole('link', { name: 'Versionen' }).click()
  await expect(admin.getByRole('table')).toContainText('02021R0821')
  await expectAccessible(admin)
  await adminContext.close()
})
