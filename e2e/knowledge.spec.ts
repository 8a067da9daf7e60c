import { type Browser, expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** A fresh browser context signed in as the demo user, with the interface in the given language. */
async function as(
  browser: Browser,
  username: string,
  language: 'Deutsch' | 'English' = 'Deutsch',
): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await signIn(page, username)
  await page.getByRole('button', { name: language, exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'Deutsch' ? 'de' : 'en')
  return page
}

/** Creates a document through the API as the research-security office; returns its id. */
async function createDocument(browser: Browser, input: Record<string, unknown>): Promise<string> {
  const context = await browser.newContext()
  const login = await context.request.post('/api/v1/auth/login', {
    data: { username: 'research-security', password: 'demo' },
  })
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const response = await context.request.post('/api/v1/knowledge/documents', {
    data: input,
    headers: { 'x-csrf-token': csrfToken },
  })
  expect(response.status()).toBe(201)
  const body = (await response.json()) as { documentId: string }
  await context.close()
  return body.documentId
}

const suffix = Date.now().toString(36)

// The machine running the suite is shared; journeys with two browsers need more than the default minute.
test.setTimeout(180_000)

test('two people edit the same document: the second save shows the conflict and is merged by hand', async ({
  browser,
}) => {
  const id = await createDocument(browser, {
    slug: `reisen-${suffix}`,
    language: 'de',
    kind: 'guidance',
    title: 'Dienstreisen nach China',
    summary: 'Was vor der Reise zu klären ist.',
    body: '# Vor der Reise\n\n- Leihlaptop mitnehmen\n- Exportkontrolle fragen',
    ownerOffice: 'research_security',
    tags: ['reisen'],
  })
  const first = await as(browser, 'research-security')
  const second = await as(browser, 'admin')
  for (const page of [first, second]) {
    await page.goto(`/knowledge/documents/${id}/edit`)
    await expect(page.getByLabel('Text (Markdown)')).toHaveValue(/Leihlaptop/)
  }

  await first
    .getByLabel('Text (Markdown)')
    .fill('# Vor der Reise\n\n- Leihlaptop mitnehmen\n- Exportkontrolle fragen\n- Notfallkontakte speichern')
  await first.getByLabel('Was haben Sie geändert?').fill('Notfallkontakte')
  await first.getByRole('button', { name: 'Speichern' }).click()
  await expect(first).toHaveURL(new RegExp(`/knowledge/documents/${id}$`))
  await expect(first.getByText('Notfallkontakte speichern')).toBeVisible()

  await second.getByLabel('Titel').fill('Dienstreisen nach China und Hongkong')
  await second.getByRole('button', { name: 'Speichern' }).click()
  await expect(second.getByText('Jemand anderes hat inzwischen gespeichert')).toBeVisible()
  await expect(
    second.getByRole('region', { name: 'Text' }).getByText('Notfallkontakte speichern'),
  ).toBeVisible()
  await expectAccessible(second)
  await screenshot(second, 'knowledge-conflict-de')

  // Merge by hand: take the other person's line into one's own text, then save on top of their version.
  await second
    .getByLabel('Text (Markdown)')
    .fill('# Vor der Reise\n\n- Leihlaptop mitnehmen\n- Exportkontrolle fragen\n- Notfallkontakte speichern')
  await second.getByRole('button', { name: /Ich habe zusammengeführt/ }).click()
  await second.getByRole('button', { name: 'Speichern' }).click()
  await expect(second).toHaveURL(new RegExp(`/knowledge/documents/${id}$`))
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('Dienstreisen nach China und Hongkong')
  await expect(second.getByText('Notfallkontakte speichern')).toBeVisible()

  await second.getByRole('link', { name: 'Versionen und Änderungen' }).click()
  await expect(second.getByText('Version 3', { exact: true }).first()).toBeVisible()
  await expect(second.getByRole('heading', { name: 'Änderungen von Version 2 zu 3' })).toBeVisible()
  await expectAccessible(second)
  await screenshot(second, 'knowledge-history-de')
})

test('a researcher searches the library, sees highlighted hits and opens a result', async ({ browser }) => {
  await createDocument(browser, {
    slug: `proben-${suffix}`,
    language: 'de',
    kind: 'checklist',
    title: 'Checkliste Probentransfer',
    summary: 'Vor dem Versand biologischer Proben.',
    body: '- [ ] Materialtransfervereinbarung\n- [ ] Ethikvotum\n\n<script>alert(1)</script>',
    ownerOffice: 'ethics',
    audience: 'researchers',
    tags: ['proben'],
    researchAreas: ['205-01'],
  })
  await createDocument(browser, {
    slug: `pipl-${suffix}`,
    language: 'en',
    kind: 'regulation',
    title: 'Personal Information Protection Law',
    summary: 'China’s law on personal information (个人信息保护法).',
    body: 'Processing personal information of people in China; 数据出境 needs a security assessment.',
    ownerOffice: 'data_protection',
    jurisdiction: 'CN',
    effectiveDate: '2021-11-01',
    topics: ['personal-data', 'data-export'],
  })
  const page = await as(browser, 'researcher')
  await page.getByRole('link', { name: 'Wissen', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Wissen' })).toBeVisible()
  await page.getByLabel('Suchen', { exact: true }).fill('Probentransfer')
  await page.getByRole('button', { name: 'Suchen', exact: true }).click()
  await expect(page).toHaveURL(/q=Probentransfer/)
  const results = page.getByRole('region', { name: 'Suchergebnisse' })
  await expect(results.locator('mark').first()).toHaveText(/Probentransfer/i)
  await expectAccessible(page)
  await screenshot(page, 'knowledge-library-de')

  // Chinese text is found by substring.
  await page.getByLabel('Suchen', { exact: true }).fill('数据出境')
  await page.getByRole('button', { name: 'Suchen', exact: true }).click()
  await expect(
    results.getByRole('link', { name: 'Personal Information Protection Law' }).first(),
  ).toBeVisible()

  // The filters stay in the address: reload keeps them.
  await page.goto('/knowledge?q=Probentransfer&kind=checklist')
  await expect(page.getByLabel('Art')).toHaveValue('checklist')
  await page.getByRole('link', { name: 'Checkliste Probentransfer' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkliste Probentransfer')
  await expect(page.getByText('Materialtransfervereinbarung')).toBeVisible()
  // Raw HTML in a document is shown as text, never run.
  await expect(page.locator('.kn-prose script')).toHaveCount(0)
  await expect(page.getByText('<script>alert(1)</script>')).toBeVisible()
  await page.getByLabel('Ihre Frage oder Anmerkung').fill('Gilt das auch für Bodenproben?')
  await page.getByRole('button', { name: 'Veröffentlichen' }).click()
  await expect(page.getByText('Gilt das auch für Bodenproben?')).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'knowledge-document-de')

  const english = await as(browser, 'research-security', 'English')
  await english.goto('/knowledge/regulations')
  await expect(english.getByRole('heading', { level: 1, name: 'Regulation watch' })).toBeVisible()
  // Opened first, the page still has its styles (they must not come only with another page's chunk).
  await expect(english.locator('.kn-meta').first()).toHaveCSS('display', 'flex')
  await expectAccessible(english)
  await screenshot(english, 'knowledge-watch-en')
  await english.goto('/knowledge?q=personal')
  await expect(
    english.getByRole('link', { name: /Personal Information Protection Law/ }).first(),
  ).toBeVisible()
  await screenshot(english, 'knowledge-library-en')
  await english.goto('/knowledge/bundles')
  await expect(english.getByRole('heading', { level: 1, name: 'Sharing best practice' })).toBeVisible()
  await expectAccessible(english)
  await screenshot(english, 'knowledge-bundles-en')

  // A training travels in a signed bundle: picked, downloaded, and read back as unchanged here.
  const training = english
    .getByRole('group', { name: 'Trainings (with quiz and answers)' })
    .locator('label')
    .first()
  const trainingTitle = ((await training.textContent()) ?? '').trim()
  await training.getByRole('checkbox').check()
  const downloading = english.waitForEvent('download')
  await english.getByRole('button', { name: 'Download signed bundle (1)' }).click()
  const bundle = await (await downloading).path()
  await english.getByLabel('Bundle file (.json)').setInputFiles(bundle)
  await expect(english.getByText(/^Signed by /)).toBeVisible()
  const item = english.locator('.kn-comment', { hasText: trainingTitle })
  await expect(item).toBeVisible()
  await expect(item.getByText('Unchanged')).toBeVisible()
  // Nothing in it differs from what is here: there is nothing to apply.
  await expect(english.getByText(/^Nothing new:/)).toBeVisible()
  await expect(english.getByRole('button', { name: 'Apply' })).toHaveCount(0)
  await screenshot(english, 'knowledge-bundles-training-en')
})
