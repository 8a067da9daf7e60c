import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer } from '../../../test/smtp-server.js'
import { createDemoDatabase, createTestApp, type TestDatabase } from '../../../test/test-app.js'
import type { Ctx } from '../../platform/context.js'
import { runJobsUntilIdle } from '../../platform/jobs/index.js'
import { findUserRowByUsername } from '../organisation/index.js'
import { sendDailyDigests } from './notification.jobs.js'
import { notify } from './notification.service.js'

describe('notifications in the app and by e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let now = new Date('2026-05-04T08:00:00Z')
  const context = (): Ctx => ({ ...test.ctx, now: () => now })
  const userId = async (username: string) =>
    (await findUserRowByUsername(test.database.db, username))?.id ?? ''

  beforeAll(async () => {
    smtp = await startSmtpServer()
    test = await createDemoDatabase({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Liaison <liaison@fz-havelland.example>',
    })
    harness = createTestApp(test, { now: () => now })
  })
  afterAll(async () => {
    await test.cleanup()
    await smtp.close()
  })

  const send = async (usernames: string[], subject = 'Neue Prüfung') => {
    const userIds = await Promise.all(usernames.map(userId))
    await test.database.db.transaction().execute(async (trx) =>
      notify(trx, context(), {
        userIds,
        kind: 'assignment',
        subject: { de: subject, en: 'New review' },
        body: { de: 'Bitte prüfen Sie FZH-2026-0001.', en: 'Please review FZH-2026-0001.' },
        link: '/collaborations/x',
      }),
    )
  }

  it('shows the notification in the app in the recipient’s language and mails it through SMTP', async () => {
    await send(['export-control'])
    const client = await harness.login('export-control')
    const list = await (await client.request('/api/v1/notifications')).json()
    expect(list.unread).toBe(1)
    expect(list.items[0]).toMatchObject({ subject: 'Neue Prüfung', link: '/collaborations/x', readAt: null })
    await runJobsUntilIdle({ context })
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]?.to).toEqual(['export-control@fz-havelland.example'])
    expect(smtp.received[0]?.text).toContain('Bitte pr')
    expect(smtp.received[0]?.text).toContain('/collaborations/x')
  })

  it('marks notifications read, one or all', async () => {
    await send(['legal'])
    await send(['legal'])
    const client = await harness.login('legal')
    const list = await (await client.request('/api/v1/notifications')).json()
    expect(
      (await client.request(`/api/v1/notifications/${list.items[0].id}/read`, { method: 'POST' })).status,
    ).toBe(204)
    expect((await (await client.request('/api/v1/notifications')).json()).unread).toBe(1)
    expect((await client.request('/api/v1/notifications/read-all', { method: 'POST' })).status).toBe(204)
    expect((await (await client.request('/api/v1/notifications')).json()).unread).toBe(0)
    await runJobsUntilIdle({ context })
  })

  it('delays mail while the SMTP server fails and loses none', async () => {
    smtp.received.length = 0
    smtp.setFailing(true)
    await send(['hr'], 'Frist in 2 Tagen')
    await runJobsUntilIdle({ context })
    expect(smtp.received).toHaveLength(0)
    const waiting = await test.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .where('name', '=', 'notifications.send_email')
      .execute()
    expect(waiting).toHaveLength(1)
    expect(waiting[0]?.lastError).toMatch(/451|unavailable/i)
    smtp.setFailing(false)
    now = new Date(now.getTime() + 10 * 60_000)
    await runJobsUntilIdle({ context })
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]?.text).toContain('Frist in 2 Tagen')
  })

  it('collects notifications for daily-digest users into one mail', async () => {
    smtp.received.length = 0
    const client = await harness.login('ethics')
    expect(
      (await client.request('/api/v1/me/notification-settings', { method: 'PUT', json: { mode: 'daily' } }))
        .status,
    ).toBe(200)
    await send(['ethics'], 'Erste')
    await send(['ethics'], 'Zweite')
    await runJobsUntilIdle({ context })
    expect(smtp.received).toHaveLength(0)
    await sendDailyDigests.handle(context(), {})
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]?.text).toContain('Erste')
    expect(smtp.received[0]?.text).toContain('Zweite')
    await sendDailyDigests.handle(context(), {})
    expect(smtp.received).toHaveLength(1)
  })

  it('keeps notifications in the app when no mail server is configured', async () => {
    const quiet = await createDemoDatabase()
    try {
      const id = (await findUserRowByUsername(quiet.database.db, 'auditor'))?.id ?? ''
      await quiet.database.db.transaction().execute((trx) =>
        notify(trx, quiet.ctx, {
          userIds: [id],
          kind: 'decision',
          subject: { de: 'x', en: 'x' },
          body: { de: 'y', en: 'y' },
          link: '/',
        }),
      )
      const rows = await quiet.database.db.selectFrom('notifications').select('emailStatus').execute()
      expect(rows).toEqual([{ emailStatus: 'skipped' }])
      expect(await quiet.database.db.selectFrom('jobs').select('id').execute()).toEqual([])
    } finally {
      await quiet.cleanup()
    }
  })
})
