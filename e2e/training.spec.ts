import { readFileSync } from 'node:fs'
import { type Browser, expect as baseExpect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

// The shared machine is slow at times: allow pages a little longer to load.
const expect = baseExpect.configure({ timeout: 20_000 })

const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/training/fixture-basics.json', import.meta.url), 'utf8'),
)

/** The e2e module: the test fixture with a lesson that reads like the real ones. */
const module = {
  ...fixture,
  key: 'e2e-dual-use',
  title: { de: 'Dual-Use: die Grundlagen', en: 'Dual use: the basics' },
  summary: {
    de: 'Was Güter mit doppeltem Verwendungszweck sind und wann die Exportkontrolle gefragt ist.',
    en: 'What dual-use goods are and when to ask the export-control office.',
  },
  lessons: [
    {
      title: { de: 'Was ist Dual-Use?', en: 'What is dual use?' },
      body: {
        de: 'Güter, Software und Technologie mit **doppeltem Verwendungszweck** können zivil *und* militärisch genutzt werden.\n\n## Worauf Sie achten\n\n- Technische Unterstützung kann genehmigungspflichtig sein.\n- Auch Software und Know-how zählen.\n\n> Im Zweifel fragen Sie die Exportkontrolle – früh und ohne Scheu.\n\n<script>alert(1)</script>',
        en: 'Goods, software and technology with a **dual use** can serve civil *and* military ends.\n\n## What to look out for\n\n- Technical assistance may need a licence.\n- Software and know-how count too.\n\n> When in doubt, ask the export-control office – early and without hesitation.\n\n<script>alert(1)</script>',
      },
    },
  ],
}

/** Loads the module and an obligation for everyone named on an open case, through the admin API. */
async function setUp(browser: Browser): Promise<void> {
  const context = await browser.newContext()
  const login = await context.request.post('/api/v1/auth/login', {
    data: { username: 'admin', password: 'demo' },
  })
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const headers = { 'x-csrf-token': csrfToken }
  expect(
    (await context.request.put(`/api/v1/training/modules/${module.key}`, { headers, data: module })).ok(),
  ).toBe(true)
  const rules = [{ moduleKey: module.key, audience: { kind: 'collaboration' } }]
  expect((await context.request.put('/api/v1/training/obligations', { headers, data: { rules } })).ok()).toBe(
    true,
  )
  await context.close()
}

async function as(browser: Browser, username: string, language: 'Deutsch' | 'English'): Promise<Page> {
  const context = await browser.newContext({ locale: language === 'Deutsch' ? 'de-DE' : 'en-GB' })
  const page = await context.newPage()
  await page.setViewportSize({ width: 1366, height: 768 })
  await signIn(page, username)
  await page.getByRole('button', { name: language, exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'Deutsch' ? 'de' : 'en')
  return page
}

/** Answers the fixture's three questions; `right` chooses the correct options. */
async function answer(page: Page, right: boolean): Promise<void> {
  const question = (n: number) => page.getByRole('group', { name: new RegExp(`^Frage ${n} von 3`) })
  await question(1)
    .getByLabel(right ? 'Zivil und militärisch nutzbare Güter' : 'Nur Waffen')
    .check()
  await question(2).getByLabel('Software', { exact: true }).check()
  if (right) await question(2).getByLabel('Technische Unterstützung').check()
  await question(3)
    .getByLabel(right ? 'Die Ausfuhrkontrolle' : 'Niemanden')
    .check()
}

test('a researcher fails a training once, passes it, and the case shows the completed training', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  await setUp(browser)
  const page = await as(browser, 'researcher', 'Deutsch')

  // The start page lists the open training; the trainings page says why it is required.
  await expect(page.getByRole('heading', { name: 'Meine offenen Schulungen' })).toBeVisible()
  await page.getByRole('link', { name: 'Schulungen', exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Schulungen' })).toBeVisible()
  const row = page.getByRole('row', { name: /Dual-Use: die Grundlagen/ })
  await expect(row.getByText('Offen', { exact: true })).toBeVisible()
  await expect(row.getByText('Sie sind an einer laufenden Kooperation beteiligt')).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'training-list-de')

  // The lesson: Markdown rendered, raw HTML shown as text, never run.
  await row.getByRole('link', { name: /Schulung starten/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Was ist Dual-Use?' })).toBeVisible()
  await expect(page.locator('.prose strong').first()).toHaveText('doppeltem Verwendungszweck')
  await expect(page.locator('.prose script')).toHaveCount(0)
  await expectAccessible(page)
  await screenshot(page, 'training-lesson-de')
  await page.getByRole('button', { name: /Zum Quiz/ }).click()

  // First attempt: wrong answers; the result explains each question.
  await expect(page.getByRole('heading', { name: 'Quiz' })).toBeVisible()
  await expect(page.getByText('Mehrere Antworten können richtig sein.')).toBeVisible()
  await answer(page, false)
  await expectAccessible(page)
  await screenshot(page, 'training-quiz-de')
  await page.getByRole('button', { name: 'Antworten abgeben' }).click()
  await expect(page.getByText(/Noch nicht bestanden – 0 von 3 richtig/)).toBeVisible()
  await expect(page.getByText('Software und technische Unterstützung.')).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'training-failed-de')

  // Second attempt passes.
  await page.getByRole('button', { name: 'Quiz wiederholen' }).click()
  await answer(page, true)
  await page.getByRole('button', { name: 'Antworten abgeben' }).click()
  await expect(page.getByText(/Bestanden – 3 von 3 richtig \(100 %\)/)).toBeVisible()
  await expect(page.getByText(/Ihr Abschluss ist gültig bis/)).toBeVisible()
  await screenshot(page, 'training-passed-de')
  await page.getByRole('link', { name: 'Zurück zu den Schulungen' }).click()
  await expect(
    page.getByRole('row', { name: /Dual-Use: die Grundlagen/ }).getByText('Abgeschlossen', { exact: true }),
  ).toBeVisible()
  await expect(page.getByText('Alle Pflichtschulungen sind abgeschlossen.')).toBeVisible()

  // The case page shows the training status of the people involved.
  await page.goto('/collaborations?q=MONUGEO')
  await page.getByRole('link', { name: /^MONUGEO – / }).click()
  const panel = page.getByRole('region', { name: 'Schulungen der Beteiligten' })
  await expect(panel).toBeVisible()
  await expect(panel.getByText('Dr. Lena Hoffmann')).toBeVisible()
  await expect(panel.getByText('Abgeschlossen', { exact: true })).toBeVisible()
  await expect(panel.getByText('Alle Beteiligten haben ihre Pflichtschulungen abgeschlossen.')).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'training-case-de')
  await panel.screenshot({ path: 'test-results/screens/training-case-panel-de.png' })
  await page.context().close()
})

test('the trainings, the player and the admin pages in English; the queue shows the training status', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  await setUp(browser)
  const page = await as(browser, 'a.nowak', 'English')
  await page.goto('/training')
  await expect(page.getByRole('heading', { level: 1, name: 'Trainings' })).toBeVisible()
  await expect(
    page.getByRole('row', { name: /Dual use: the basics/ }).getByText('Open', { exact: true }),
  ).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'training-list-en')
  await page
    .getByRole('row', { name: /Dual use: the basics/ })
    .getByRole('link', { name: /Start training/ })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'What is dual use?' })).toBeVisible()
  await screenshot(page, 'training-lesson-en')
  await page.context().close()

  const admin = await as(browser, 'admin', 'English')
  await admin.goto('/admin/training')
  await expect(admin.getByRole('heading', { level: 1, name: 'Set up trainings' })).toBeVisible()
  await expect(admin.getByLabel('Only warn (default)')).toBeChecked()
  await expectAccessible(admin)
  await screenshot(admin, 'training-admin-en')
  await admin.goto('/admin/training/report')
  await expect(admin.getByRole('heading', { level: 1, name: 'Training report' })).toBeVisible()
  await expect(admin.getByRole('link', { name: 'Download as CSV' })).toBeVisible()
  await expectAccessible(admin)
  await screenshot(admin, 'training-report-en')
  await admin.getByRole('button', { name: 'Deutsch', exact: true }).click()
  await expect(admin.getByRole('heading', { level: 1, name: 'Schulungsauswertung' })).toBeVisible()
  await screenshot(admin, 'training-report-de')
  await admin.goto('/admin/training')
  await screenshot(admin, 'training-admin-de')
  await admin.goto('/reviews')
  await expect(admin.getByText(/^Schulungen( vollständig|: \d+ offen)$/).first()).toBeVisible()
  await expectAccessible(admin)
  await screenshot(admin, 'training-queue-de')
})
