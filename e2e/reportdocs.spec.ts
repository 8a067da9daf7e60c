import { readFileSync } from 'node:fs'
import { type Browser, expect, type Page, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** A fresh browser context signed in as the demo user, in the given interface language. */
async function as(browser: Browser, username: string, language: 'Deutsch' | 'English'): Promise<Page> {
  const context = await browser.newContext({
    locale: language === 'Deutsch' ? 'de-DE' : 'en-GB',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  await signIn(page, username)
  await page.getByRole('button', { name: language, exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'Deutsch' ? 'de' : 'en')
  return page
}

/** Opens the first case of the "all cases" list with the given status label. */
async function openCaseWithStatus(page: Page, statusLabel: string): Promise<void> {
  await page.goto('/collaborations?scope=all')
  await page.getByLabel('Status', { exact: true }).selectOption({ label: statusLabel })
  const first = page.locator('table.collab-table tbody a').first()
  await expect(first).toBeVisible()
  await first.click()
  await expect(page).toHaveURL(/\/collaborations\/[0-9a-f-]{36}$/)
}

test('a decision-maker downloads the assessment report of a decided case, in German and English', async ({
  browser,
}) => {
  const page = await as(browser, 'decision-maker', 'Deutsch')
  await openCaseWithStatus(page, 'Genehmigt mit Auflagen')
  const reference = ((await page.locator('.page-header__eyebrow').textContent()) ?? '').split(' ').pop() ?? ''
  expect(reference).toMatch(/^[A-Z]+-\d{4}-\d+$/)
  const german = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Prüfbericht (PDF)' }).click()
  const download = await german
  expect(download.suggestedFilename()).toBe(`${reference}-Pruefbericht.pdf`)
  const bytes = readFileSync((await download.path()) ?? '')
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
  await expectAccessible(page)
  await screenshot(page, 'reportdocs-case-de')

  await page.getByRole('button', { name: 'English', exact: true }).click()
  const english = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Assessment report (PDF)' }).click()
  const englishDownload = await english
  expect(englishDownload.suggestedFilename()).toBe(`${reference}-assessment-report.pdf`)
  expect(
    readFileSync((await englishDownload.path()) ?? '')
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-')
  await screenshot(page, 'reportdocs-case-en')
})

test('research security finds the funder notice as PDF and text at the funder step', async ({ browser }) => {
  const page = await as(browser, 'research-security', 'Deutsch')
  await openCaseWithStatus(page, 'In Prüfung')
  const section = page.getByRole('region', { name: 'Fördergeber und Aufsichtsgremium informieren' })
  await expect(section.getByRole('heading', { name: 'Vorabinformation als Dokument' })).toBeVisible()
  const pdf = page.waitForEvent('download')
  await section.getByRole('link', { name: 'Vorabinformation (PDF)' }).click()
  const download = await pdf
  expect(download.suggestedFilename()).toMatch(/-Vorabinformation\.pdf$/)
  expect(
    readFileSync((await download.path()) ?? '')
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-')
  await section.getByRole('button', { name: 'Text für E-Mail kopieren' }).click()
  // Headless Chromium may refuse the clipboard: then the text is shown to copy by hand.
  await expect(
    section.getByText(/Der Text ist in der Zwischenablage|Der Browser erlaubt das Kopieren nicht/),
  ).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  await expectAccessible(page)
  await screenshot(page, 'reportdocs-funder-de')
})

test('an admin exports the register as XLSX with picked fields in the picked order', async ({ browser }) => {
  const page = await as(browser, 'admin', 'Deutsch')
  await page.goto('/collaborations')
  await page.getByRole('link', { name: 'Exportieren' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Kooperationsregister exportieren' }),
  ).toBeVisible()
  // Pick: reference, title, risk level, countries — then put countries before the risk level.
  for (const name of [
    'Status',
    'Organisationseinheit',
    'Partner',
    'Eingereicht am',
    'Entschieden am',
    'Entscheidung',
  ])
    await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).uncheck()
  await page.getByRole('checkbox', { name: /^Auflagen Auflagen der Entscheidung/ }).check()
  await page.getByRole('button', { name: 'Länder nach oben' }).click()
  const order = page.getByRole('list', { name: 'Reihenfolge der Spalten' })
  await expect(order.getByRole('listitem')).toHaveText([
    /Aktenzeichen/,
    /Titel/,
    /Länder/,
    /Risikostufe/,
    /Auflagen/,
  ])
  await page.getByRole('radio', { name: 'Excel (XLSX)' }).check()
  await expectAccessible(page)
  await screenshot(page, 'reportdocs-export-de')
  const pending = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Herunterladen' }).click()
  const download = await pending
  expect(download.suggestedFilename()).toMatch(/^Kooperationsregister-\d{4}-\d{2}-\d{2}\.xlsx$/)
  await expect(page.getByText(/wurde heruntergeladen/)).toBeVisible()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile((await download.path()) ?? '')
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('the workbook has no worksheet')
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
    'Aktenzeichen',
    'Titel',
    'Länder',
    'Risikostufe',
    'Auflagen',
  ])
  expect(sheet.rowCount).toBeGreaterThan(5)

  await page.getByRole('button', { name: 'English', exact: true }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Export the collaboration register' }),
  ).toBeVisible()
  await page.getByRole('radio', { name: 'CSV' }).check()
  await screenshot(page, 'reportdocs-export-en')
})
