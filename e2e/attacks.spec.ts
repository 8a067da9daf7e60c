import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** Script and HTML payloads; every one must stay text in the browser. */
const xss = {
  script: '<script>alert("xss-script")</script>',
  img: '<img src=x onerror=alert("xss-img")>',
  svg: '<svg onload=alert("xss-svg")></svg>',
  link: '<a href="javascript:alert(\'xss-link\')">klick</a>',
  markdown: '[klick](javascript:alert("xss-md")) ![x](x" onerror="alert(1))',
  iframe: '<iframe src="javascript:alert(`xss-iframe`)"></iframe>',
}
const all = Object.values(xss).join(' ')

/** Fails the test as soon as any dialog opens (alert, confirm, prompt). */
function failOnDialog(page: Page, opened: string[]): void {
  page.on('dialog', async (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`)
    await dialog.dismiss()
  })
}

/** The API as the signed-in user of the page (cookie of the page, CSRF token of the session). */
async function apiOf(
  page: Page,
): Promise<{ call: (method: string, path: string, data?: unknown) => Promise<unknown> }> {
  const request: APIRequestContext = page.request
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string }
  return {
    call: async (method, path, data) => {
      const response = await request.fetch(`/api/v1${path}`, {
        method,
        data,
        headers: { 'x-csrf-token': session.csrfToken },
      })
      expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300)
      return response.status() === 204 ? null : response.json()
    },
  }
}

/** No element the payloads would have created exists in the page. */
async function expectInert(page: Page): Promise<void> {
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  await expect(page.locator('main svg[onload]')).toHaveCount(0)
  await expect(page.locator('main iframe')).toHaveCount(0)
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0)
  const scripts = await page
    .locator('script')
    .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''))
  expect(scripts.some((text) => text.includes('xss-script'))).toBe(false)
}

test('script and HTML payloads in every editable text are rendered inert', async ({ page, browser }) => {
  test.setTimeout(480_000)
  const opened: string[] = []
  failOnDialog(page, opened)

  // The researcher: a case full of payloads, and a discussion message.
  await signIn(page, 'researcher')
  const researcher = await apiOf(page)
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as {
    user: { id: string; displayName: string; unitId: string }
  }
  const created = (await researcher.call('POST', '/collaborations', {
    sheet: {
      title: `Angriff ${xss.script}${xss.img}`,
      acronym: '<b>XSS</b><img src=x>',
      summary: all,
      description: `${all}\n\n# Überschrift\n${xss.markdown}`,
      keywords: [xss.svg, xss.script],
      unitId: session.user.unitId,
      principalInvestigators: [{ userId: session.user.id, name: `${session.user.displayName} ${xss.img}` }],
      partners: [
        {
          id: '0190a1b2-0000-7000-8000-0000000000aa',
          nameOriginal: `${xss.svg} 研究所`,
          nameEnglish: `Institute ${xss.img}`,
          country: 'CN',
          kind: 'university',
          department: xss.link,
          contactName: xss.script,
          contactRole: xss.markdown,
        },
      ],
    },
  })) as { id: string }
  await researcher.call('POST', `/collaborations/${created.id}/messages`, {
    body: `${all} @admin`,
    isInternal: false,
  })
  await researcher.call('PATCH', '/me', { displayName: `Lena ${xss.img}` })

  // An office reviewer: a request for information, advice and conditions on a case in review.
  const reviewerContext = await browser.newContext()
  const reviewer = await reviewerContext.newPage()
  failOnDialog(reviewer, opened)
  let queue: Array<{ reviewId: string; collaborationId: string; status: string }> = []
  let reviewerApi: Awaited<ReturnType<typeof apiOf>> | null = null
  for (const username of [
    'export-control',
    'research-security',
    'international-office',
    'legal',
    'data-protection',
  ]) {
    await reviewerContext.clearCookies()
    await signIn(reviewer, username)
    reviewerApi = await apiOf(reviewer)
    queue = ((await reviewerApi.call('GET', '/reviews/queue')) as typeof queue).filter(
      (item) => item.status === 'open',
    )
    if (queue.length > 0) break
  }
  const open = queue[0]
  expect(open).toBeDefined()
  if (!reviewerApi || !open) return
  await reviewerApi.call('POST', `/reviews/${open.reviewId}/requests`, { question: `Frage ${all}` })
  await reviewerApi.call('POST', `/collaborations/${open.collaborationId}/messages`, {
    body: `Interne Notiz ${all}`,
    isInternal: true,
  })
  const reviewed = queue.find((item) => item.reviewId !== open.reviewId) ?? open
  await reviewerApi.call('POST', `/reviews/${reviewed?.reviewId}/complete`, {
    findings: `Stellungnahme ${all}`,
    recommendation: 'conditions',
    conditions: [`Auflage ${xss.script}`, `Auflage ${xss.img} ${xss.markdown}`],
  })
  await reviewerContext.close()

  // The admin: a unit with payload names.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  failOnDialog(admin, opened)
  await signIn(admin, 'admin')
  const adminApi = await apiOf(admin)
  await adminApi.call('POST', '/units', {
    code: 'XSS.1',
    nameDe: `Einheit ${xss.img}`,
    nameEn: `Unit ${xss.svg}`,
  })

  // Every page showing those values, as the people who see them.
  const researcherPages = [
    '/',
    '/collaborations',
    `/collaborations/${created.id}`,
    `/collaborations/${created.id}/edit`,
    '/account',
    '/notifications',
  ]
  for (const path of researcherPages) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
    await expectInert(page)
  }
  await page.goto(`/collaborations/${created.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    '<script>alert("xss-script")</script>',
    {
      timeout: 30_000,
    },
  )
  await expectInert(page)
  await screenshot(page, 'attacks-case-researcher')

  const adminPages = [
    '/collaborations?scope=all',
    `/collaborations/${open?.collaborationId}`,
    `/collaborations/${reviewed?.collaborationId}`,
    '/admin/units',
    '/admin/users',
    '/admin/audit',
    '/admin/personal-data',
    '/reviews',
    '/partners',
    '/whom-to-ask',
  ]
  for (const path of adminPages) {
    await admin.goto(path)
    await admin.waitForLoadState('networkidle')
    await expectInert(admin)
  }
  await admin.goto('/admin/personal-data')
  await admin.getByLabel(/Benutzername, Name oder E-Mail-Adresse/).fill('Lena')
  await expect(admin.getByText(/onerror/).first()).toBeVisible({ timeout: 30_000 })
  await expectInert(admin)
  await admin.goto(`/collaborations/${reviewed?.collaborationId}`)
  await admin.waitForLoadState('networkidle')
  await screenshot(admin, 'attacks-case-reviewed')
  await adminContext.close()
  // The journeys after this one meet the researcher under her own name again.
  await researcher.call('PATCH', '/me', { displayName: session.user.displayName })

  expect(opened).toEqual([])
})

test('a page of another origin cannot make changes with the user’s session', async ({ page, context }) => {
  await signIn(page, 'researcher')
  const before = (await (await page.request.get('/api/v1/collaborations')).json()) as unknown[]
  // A page elsewhere posts a form to the API with the session cookie (the browser sends it on top-level POST only with SameSite=None).
  await page.setContent(
    `<form id="f" method="POST" action="${new URL('/api/v1/collaborations', page.url()).href}" enctype="text/plain"><input name='{"sheet":{"title":"csrf","x":"' value='"}}'></form>`,
  )
  const [response] = await Promise.all([
    // The form's POST, not a list the start page may still be loading.
    page.waitForResponse(
      (res) => res.request().method() === 'POST' && res.url().endsWith('/api/v1/collaborations'),
    ),
    page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
  ])
  expect(response.status()).toBe(403)
  const after = (await (await context.request.get('/api/v1/collaborations')).json()) as { title: string }[]
  expect(after.length).toBe(before.length)
  expect(after.map((entry) => entry.title)).not.toContain('csrf')
})

test('personal data page and export of my data (de and en)', async ({ page }) => {
  test.setTimeout(150_000)
  await signIn(page, 'admin')
  await page.goto('/admin/personal-data')
  await expect(page.getByRole('heading', { level: 1, name: 'Personenbezogene Daten' })).toBeVisible()
  await page.getByLabel(/Benutzername, Name oder E-Mail-Adresse/).fill('fischer')
  await expect(page.getByText('Dr. Jan Fischer')).toBeVisible()
  await page.getByRole('button', { name: /Daten von Dr. Jan Fischer löschen/ }).click()
  await expect(page.getByRole('dialog')).toContainText('nicht rückgängig')
  await expectAccessible(page)
  await screenshot(page, 'privacy-erase-dialog-de')
  await page.getByRole('button', { name: 'Abbrechen' }).click()
  await expectAccessible(page)
  await screenshot(page, 'privacy-page-de')
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: /Daten von Dr. Jan Fischer exportieren/ }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^personal-data-.*\.json$/)

  await page.goto('/account')
  await expect(page.getByRole('link', { name: 'Meine Daten exportieren' })).toBeVisible()
  await page.evaluate(() => localStorage.setItem('liaison.locale', 'en'))
  await page.goto('/admin/personal-data')
  await page.getByLabel(/Username, name or e-mail address/).fill('fischer')
  await expect(page.getByText('Dr. Jan Fischer')).toBeVisible()
  await screenshot(page, 'privacy-page-en')
})
