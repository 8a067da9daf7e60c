import { existsSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

// The ASPI tracker is not bundled (licence); the institution imports it, as this test does from the shared data.
const aspiTracker = join(
  process.cwd(),
  '../shared/data/china-defence-universities/misp_china_defence_universities.json',
)

/** Signs in and makes sure the interface speaks German (another spec may have switched the profile). */
async function signInGerman(page: Page, username: string): Promise<void> {
  await signIn(page, username)
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
}

/** Imports one list file through the lists page and waits for the new version. */
async function importList(page: Page, format: string, file: string): Promise<void> {
  await page.getByLabel('Format', { exact: true }).selectOption(format)
  await page.getByLabel('Datei', { exact: true }).setInputFiles(file)
  await page.getByRole('button', { name: 'Importieren', exact: true }).click()
  await expect(page.getByText(/Version \d+ importiert/)).toBeVisible({ timeout: 20_000 })
}

/** Fails on serious or critical axe violations inside one part of the page. */
async function expectSectionAccessible(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze()
  const severe = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  expect(severe.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
}

test('lists are imported, a hit appears on a case with its explanation and a reviewer dispositions it', async ({
  page,
}) => {
  // The shared reference data lies beside the repository in development and CI.
  expect(existsSync(aspiTracker), `${aspiTracker} is missing`).toBe(true)
  test.setTimeout(90_000)

  // The demo ships the US, UN and Canadian lists; an admin imports the defence-universities tracker,
  // which is not bundled (licence). Each import is a version with its differences.
  await signInGerman(page, 'admin')
  await page.goto('/admin/lists')
  await expect(page.getByRole('heading', { level: 1, name: 'Sanktions- und Prüflisten' })).toBeVisible()
  const lists = page.locator('table.screening-lists')
  await expect(lists.getByRole('row', { name: /Canada Named Research Organizations/ })).toContainText(
    'Forschungssicherheit',
  )
  await importList(page, 'misp-galaxy', aspiTracker)
  await expect(lists.getByRole('row', { name: /ASPI China Defence Universities Tracker/ })).toContainText(
    'Information, keine rechtliche Listung',
  )
  await page.getByRole('button', { name: 'Versionen Canada Named Research Organizations' }).click()
  // The lists reload once the import's background re-screening is done; open the changes again then.
  await expect(async () => {
    // The button toggles: press it only while the changes are closed (not while they load).
    const toggle = page.getByRole('button', { name: /Änderungen zeigen/ })
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
    await expect(page.locator('.list-diff__list')).toContainText('Harbin Institute of Technology', {
      timeout: 5_000,
    })
  }).toPass({ timeout: 45_000 })
  await expectAccessible(page)
  await screenshot(page, 'screening-lists')
  await page.getByRole('button', { name: 'Abmelden' }).click()

  // An office reviewer finds the partner in the register and opens its case.
  await signInGerman(page, 'research-security')
  await page.goto('/partners')
  await page.getByLabel('Suchen').fill('Harbin Institute')
  await page.getByRole('link', { name: 'Harbin Institute of Technology', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Harbin Institute of Technology' })).toBeVisible()
  await expectAccessible(page)
  const partnerUrl = page.url()
  await page.locator('.partner-unit__list a').first().click()

  // The re-screening after the imports runs in the background: the hit appears within seconds.
  const section = page.locator('section.screening-case')
  const partner = section.locator('li.screening-partner').filter({
    has: page.getByRole('heading', { level: 3, name: /Harbin Institute of Technology/ }),
  })
  const hit = partner
    .locator('article')
    .filter({ has: page.locator('.screening-hit__list', { hasText: 'Canada Named Research Organizations' }) })
    .first()
  await expect(async () => {
    await page.reload()
    await expect(hit).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 45_000 })
  await expect(hit).toContainText('Forschungssicherheit')
  await expect(hit).toContainText('Warum diese Übereinstimmung?')
  await expect(hit).toContainText('word for word')
  await expect(hit).toContainText('Übereinstimmung')
  await expect(hit).toContainText('Offen')

  // The reviewer confirms the hit with a reason; a reason is required.
  await hit.getByRole('button', { name: /Treffer bewerten/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Treffer bewerten' })
  await dialog.getByRole('radio', { name: /Bestätigt/ }).check()
  await dialog.getByRole('button', { name: 'Bewertung speichern' }).click()
  await expect(dialog.getByText('Bitte füllen Sie dieses Feld aus.').first()).toBeVisible()
  await dialog
    .getByLabel('Begründung')
    .fill('Same body: Harbin, Heilongjiang; listed by Canada as a named research organisation.')
  await dialog.getByRole('button', { name: 'Bewertung speichern' }).click()
  await expect(dialog).toBeHidden()
  await expect(hit.locator('.screening-disposition')).toContainText('Bestätigt')
  await expect(hit.locator('.screening-disposition')).toContainText('Same body: Harbin')
  await hit.getByRole('button', { name: 'Verlauf der Bewertungen' }).click()
  await expect(hit.locator('.screening-history__list li')).toHaveCount(1)
  await expectSectionAccessible(page, 'section.screening-case')
  await screenshot(page, 'screening-case')

  // The partner page keeps the disposition.
  await page.goto(partnerUrl)
  await expect(page.locator('table').filter({ hasText: 'ca-nro' })).toContainText('Bestätigt')

  // Ad hoc: the name in characters finds the institute (an alias on the tracker bridges the lists).
  await page.goto('/screening')
  await expect(page.getByText(/im Prüfprotokoll festgehalten/)).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('哈尔滨工业大学')
  await page.getByRole('button', { name: 'Prüfen', exact: true }).click()
  const results = page.locator('section.screening-results')
  await expect(
    results.getByRole('heading', { level: 3, name: 'Harbin Institute of Technology', exact: true }),
  ).toBeVisible()
  await expect(results).toContainText('Canada Named Research Organizations')
  await expectAccessible(page)
  await screenshot(page, 'screening-ad-hoc')
})
