import { readFileSync } from 'node:fs'
import { expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

test.use({ viewport: { width: 1366, height: 768 } })

/** Signs in and makes sure the interface speaks German (another spec may have switched the profile). */
async function signInGerman(page: Page, username: string): Promise<void> {
  await signIn(page, username)
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
}

test('a decision-maker filters the dashboard, reads a table, downloads a CSV and the annual overview', async ({
  page,
}) => {
  test.setTimeout(400_000)
  await signInGerman(page, 'decision-maker')
  await page.getByRole('navigation').getByRole('link', { name: 'Lagebild' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lagebild internationale Kooperationen' }),
  ).toBeVisible()
  await expect(page.locator('.dashboard-kpi').first()).toContainText('Aktive Kooperationen')
  const countries = page.getByRole('region', { name: 'Aktive und geplante Kooperationen nach Land' })
  await expect(countries.getByRole('application')).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'dashboard-de')

  // A filter changes the address, so the view can be shared.
  await page.getByLabel('Risikostufe', { exact: true }).selectOption('low')
  await expect(page).toHaveURL(/risk=low/)
  await page.getByRole('button', { name: 'Dieses Jahr' }).click()
  const year = new Date().getFullYear()
  await expect(page).toHaveURL(
    new RegExp(`from=${year}-01-01.*to=${year}-12-31|to=${year}-12-31.*from=${year}-01-01`),
  )
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click()
  await expect(page).not.toHaveURL(/risk=/)

  // The table view of a chart.
  await countries.getByRole('button', { name: 'Tabelle', exact: true }).click()
  const table = countries.getByRole('table')
  await expect(table).toBeVisible()
  await expect(table.getByRole('rowheader', { name: 'China' })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: 'Aktiv' })).toBeVisible()
  await expectAccessible(page)

  // The chart's table as CSV (UTF-8 with byte order mark).
  const csvDownload = page.waitForEvent('download')
  await countries.getByRole('link', { name: /CSV herunterladen/ }).click()
  const csv = await csvDownload
  expect(csv.suggestedFilename()).toBe('liaison-casesByCountry.csv')
  const csvBytes = readFileSync((await csv.path()) as string)
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const csvText = csvBytes.toString('utf8').slice(1)
  expect(csvText.split('\r\n')[0]).toBe('Schlüssel,Bezeichnung,Aktiv,Geplant')
  expect(csvText).toContain('CN,China,')

  // The annual overview for the board.
  const pdfDownload = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Jahresübersicht (PDF)' }).click()
  const pdf = await pdfDownload
  expect(pdf.suggestedFilename()).toBe(`liaison-annual-overview-${year}.pdf`)
  expect(
    readFileSync((await pdf.path()) as string)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-')

  // The same page in English.
  await page.getByRole('button', { name: 'English' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'International collaborations at a glance' }),
  ).toBeVisible()
  await expect(page.getByRole('region', { name: 'Time from submission to decision by month' })).toBeVisible()
  await screenshot(page, 'dashboard-en')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Deutsch' }).click()
})

test('researchers do not see the dashboard', async ({ page }) => {
  await signInGerman(page, 'researcher')
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Lagebild' })).toHaveCount(0)
})
