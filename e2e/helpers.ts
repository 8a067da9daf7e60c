import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** Signs in through the login form as a demo account (password "demo") and waits for the start page. */
export async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/login')
  await page.getByLabel(/Benutzername|Username/).fill(username)
  await page.getByLabel(/Passwort|Password/).fill(password)
  await page.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Fails when axe-core finds serious or critical accessibility violations on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const severe = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  const described = severe.map((violation) => {
    const examples = violation.nodes.slice(0, 3).map((node) => node.target.join(' '))
    return `${violation.id}: ${violation.help} (${violation.nodes.length}; e.g. ${examples.join(', ')})`
  })
  expect(described).toEqual([])
}

/** Saves a full-page screenshot under test-results/screens for review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true })
}
