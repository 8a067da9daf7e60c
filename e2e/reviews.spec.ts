import { type Browser, expect, type Page, test } from '@playwright/test'
import { expectAccessible, screenshot, signIn } from './helpers.js'

/** A fresh browser context signed in as the demo user, with the interface in German. */
async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE' })
  const page = await context.newPage()
  await signIn(page, username)
  await page.getByRole('button', { name: 'Deutsch', exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  return page
}

/** The review card of one office on the case page. */
function officeCard(page: Page, office: string) {
  return page.getByRole('region', { name: office, exact: true })
}

/** Completes, through the API, any review of offices the journey does not cover (the routing may add some). */
async function completeOtherOffices(browser: Browser, caseUrl: string, covered: string[]): Promise<void> {
  const caseId = caseUrl.split('/').pop() ?? ''
  const context = await browser.newContext()
  const login = async (username: string) => {
    const response = await context.request.post('/api/v1/auth/login', {
      data: { username, password: 'demo' },
    })
    const body: { csrfToken: string } = await response.json()
    return body.csrfToken
  }
  await login('decision-maker')
  const review: { reviews: { id: string; participant: string; status: string }[] } = await (
    await context.request.get(`/api/v1/collaborations/${caseId}/review`)
  ).json()
  for (const entry of review.reviews) {
    if (covered.includes(entry.participant) || entry.status !== 'open') continue
    const csrf = await login(
      entry.participant === 'expert_team' ? 'expert' : entry.participant.replaceAll('_', '-'),
    )
    const answer = await context.request.post(`/api/v1/reviews/${entry.id}/complete`, {
      headers: { 'x-csrf-token': csrf },
      data: { findings: 'No concerns for this office.', recommendation: 'no_objection' },
    })
    expect(answer.ok()).toBe(true)
  }
  await context.close()
}

test('partners read the procedure in Chinese without signing in', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('link', { name: /Für Partnerinstitutionen/ }).click()
  await expect(page).toHaveURL(/\/partners\/process$/)
  await page.getByRole('button', { name: '简体中文' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '我们如何审查国际科研合作' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '受理审查' })).toBeVisible()
  await expect(page.getByText('不以出身论人')).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'reviews-public-zh')
})

test('a case goes from submission through two office reviews and a question to a decision with conditions', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  // The researcher submits a complete draft of the demo data (MONUGEO).
  const researcher = await as(browser, 'researcher')
  await researcher.goto('/collaborations?q=MONUGEO')
  await researcher.getByRole('link', { name: /^MONUGEO – / }).click()
  await researcher.getByRole('button', { name: 'Einreichen', exact: true }).click()
  await expect(
    researcher.getByText('In Prüfung').or(researcher.getByText('Eingereicht')).first(),
  ).toBeVisible()
  const caseUrl = researcher.url()

  // Research security finds it in the intake list of the queue and starts the review.
  const security = await as(browser, 'research-security')
  await security.getByRole('link', { name: 'Prüfaufträge', exact: true }).click()
  await expect(security.getByRole('heading', { level: 1, name: 'Prüfaufträge' })).toBeVisible()
  await security.getByRole('link', { name: /MONUGEO/ }).click()
  await security.getByRole('button', { name: 'Prüfung starten' }).click()
  await expect(officeCard(security, 'Personal')).toBeVisible()
  await expect(officeCard(security, 'International Office')).toBeVisible()
  await expect(officeCard(security, 'Personal').getByText('Personalaustausch')).toBeVisible()

  // HR finds the case in its queue and asks the researcher a question; its clock pauses.
  const hr = await as(browser, 'hr')
  await hr.goto('/reviews')
  await expect(hr.getByRole('table').getByRole('link', { name: /geohazards/ })).toBeVisible()
  await expectAccessible(hr)
  await screenshot(hr, 'reviews-queue')
  await hr.goto(caseUrl)
  const hrCard = officeCard(hr, 'Personal')
  await hrCard.getByRole('button', { name: 'Rückfrage an die Forschenden' }).click()
  await hrCard.getByLabel('Ihre Frage').fill('Wie lange bleiben die Gastforschenden, und wer betreut sie?')
  await hrCard.getByRole('button', { name: 'Frage senden' }).click()
  await expect(hrCard.getByText('Frist angehalten, bis die Rückfrage beantwortet ist')).toBeVisible()

  // The researcher answers right on the case page.
  await researcher.reload()
  const researcherCard = officeCard(researcher, 'Personal')
  await researcherCard
    .getByLabel('Ihre Antwort')
    .fill('Drei Monate je Aufenthalt; betreut von Dr. Hoffmann in der Sektion Geodäsie.')
  await researcherCard.getByRole('button', { name: 'Antwort senden' }).click()
  await expect(researcher.getByText('Danke – Ihre Antwort ist bei der Fachstelle.')).toBeVisible()
  await expectAccessible(researcher)

  // HR completes its review with no objection.
  await hr.reload()
  await expect(hrCard.getByText('Drei Monate je Aufenthalt')).toBeVisible()
  await hrCard.getByRole('button', { name: 'Prüfung abschließen' }).click()
  await hrCard
    .getByLabel('Ergebnis der Prüfung')
    .fill('Gastaufenthalte sind mit der üblichen Aufnahmevereinbarung möglich.')
  await hrCard.getByRole('radio', { name: 'Keine Einwände' }).check()
  await hrCard.getByRole('button', { name: 'Stellungnahme abgeben' }).click()
  await expect(hrCard.getByText('Abgeschlossen', { exact: true })).toBeVisible()

  // The international office completes its review with a condition.
  const international = await as(browser, 'international-office')
  await international.goto(caseUrl)
  const ioCard = officeCard(international, 'International Office')
  await ioCard.getByRole('button', { name: 'Prüfung abschließen' }).click()
  await ioCard
    .getByLabel('Ergebnis der Prüfung')
    .fill('Etablierter Partner; passt zur Partnerschaftsstrategie.')
  await ioCard.getByRole('radio', { name: 'Mit Auflagen' }).check()
  await ioCard
    .getByLabel('Auflage 1', { exact: true })
    .fill('Kooperationsvereinbarung vor Beginn unterzeichnen')
  await ioCard.getByRole('button', { name: 'Stellungnahme abgeben' }).click()
  await expect(ioCard.getByText('Abgeschlossen', { exact: true })).toBeVisible()
  await completeOtherOffices(browser, caseUrl, ['hr', 'international_office'])

  // The decision-maker sees all advice side by side and decides "approved with conditions".
  const decider = await as(browser, 'decision-maker')
  await decider.goto(caseUrl)
  const decide = decider.getByRole('region', { name: 'Entscheidung', exact: true })
  await expect(decide.getByText('der Fall ist bereit zur Entscheidung')).toBeVisible()
  await expect(decide.getByText('Ausstiegsmöglichkeiten')).toBeVisible()
  await expectAccessible(decider)
  await screenshot(decider, 'reviews-decision')
  await decide.getByRole('radio', { name: 'Genehmigt mit Auflagen' }).check()
  await decide
    .getByLabel('Begründung')
    .fill('Geringes Risiko; die Vereinbarung sichert die Zusammenarbeit ab.')
  await decide.getByRole('button', { name: /Auflagen der Fachstellen übernehmen/ }).click()
  await expect(decide.getByLabel('Auflage 1', { exact: true })).toHaveValue(
    'Kooperationsvereinbarung vor Beginn unterzeichnen',
  )
  await decide.getByRole('button', { name: 'Entscheidung festhalten' }).click()
  await expect(decider.getByRole('heading', { name: 'Entscheidung: Genehmigt mit Auflagen' })).toBeVisible()

  // The researcher sees the decision and the obligation it brings.
  await researcher.reload()
  await expect(
    researcher.getByRole('heading', { name: 'Entscheidung: Genehmigt mit Auflagen' }),
  ).toBeVisible()
  const obligations = researcher.getByRole('region', { name: 'Auflagen und ihre Erfüllung' })
  await expect(obligations.getByText('Kooperationsvereinbarung vor Beginn unterzeichnen')).toBeVisible()
  await expect(obligations.getByText('Offen', { exact: true })).toBeVisible()
  await screenshot(researcher, 'reviews-case-decided')

  // Everyone signed in sees the process with its routing rules.
  await researcher.goto('/process')
  await expect(researcher.getByRole('heading', { level: 1, name: 'Das Prüfverfahren' })).toBeVisible()
  await expect(researcher.getByText(/Ethikkommission ist beteiligt, wenn/)).toBeVisible()
  await expectAccessible(researcher)
})
