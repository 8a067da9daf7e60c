import { expect, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

test('a researcher signs in, switches language, finds whom to ask and signs out', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  await expectAccessible(page)
  await screenshot(page, 'login-de')

  await signIn(page, 'researcher')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lena Hoffmann')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('link', { name: 'Whom do I ask?' }).first()).toBeVisible()
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  await page.getByRole('link', { name: 'Whom do I ask?' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Whom do I ask?' })).toBeVisible()
  await page.getByRole('button', { name: 'Export control', exact: true }).click()
  await expect(page.getByText('Dr. Markus Brandt').first()).toBeVisible()
  await expect(page.getByRole('link', { name: 'export-control@fz-havelland.example' }).first()).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'whom-en')

  await page.getByRole('button', { name: /Sign out/ }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/whom-to-ask')
  await expect(page).toHaveURL(/\/login/)
})

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel(/Benutzername|Username/).fill('researcher')
  await page.getByLabel(/Passwort|Password/).fill('wrong')
  await page.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
})

test('an administrator manages units and sees the change in the audit trail', async ({ page }) => {
  await signIn(page, 'admin')
  await page.getByRole('button', { name: 'English' }).click()
  await page.goto('/admin/units')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Create unit' }).first().click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Code').fill('GEO.9')
  await dialog.getByLabel('Name (German)').fill('Seismologie')
  await dialog.getByLabel('Name (English)').fill('Seismology')
  await dialog.getByRole('button', { name: /^(Create|Save)$/ }).click()
  await expect(page.getByRole('cell', { name: 'GEO.9', exact: true }).first()).toBeVisible()
  await screenshot(page, 'admin-units')
  await page.goto('/admin/audit')
  await expect(page.getByText('unit.created').first()).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('button', { name: /Kette prüfen|Verify chain/ }).click()
  await expect(page.getByText(/intakt|intact/i).first()).toBeVisible()
  await expectAccessible(page)
})
