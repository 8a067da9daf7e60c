import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, type TestDatabase } from '../../../test/test-app.js'
import { isAppError } from '../../platform/errors.js'
import type { Actor } from '../access/index.js'
import { actorOf } from '../auth/index.js'
import { findUser, findUserRowByUsername } from '../organisation/index.js'
import {
  diffVersions,
  getDocument,
  getDocumentVersion,
  listHistory,
  restoreVersion,
  saveDocument,
} from './knowledge.service.js'

async function actorFor(test: TestDatabase, username: string): Promise<Actor> {
  const row = await findUserRowByUsername(test.database.db, username)
  const user = row && (await findUser(test.database.db, row.id))
  if (!user) throw new Error(`no demo user ${username}`)
  return actorOf(user, 'session')
}

const guidance = {
  slug: 'data-handling',
  language: 'en' as const,
  kind: 'guidance' as const,
  title: 'Handling research data with partners',
  summary: 'What to agree before data leaves the institute.',
  body: '# Data\n\nAgree on storage.\n\nAgree on access.',
  ownerOffice: 'data_protection' as const,
  audience: 'everyone' as const,
  tags: ['Data', 'agreements'],
}

describe('living documents: versions and conflicts', () => {
  let test: TestDatabase
  let editor: Actor
  let other: Actor
  let researcher: Actor

  beforeAll(async () => {
    test = await createDemoDatabase()
    editor = await actorFor(test, 'data-protection')
    other = await actorFor(test, 'research-security')
    researcher = await actorFor(test, 'researcher')
  })
  afterAll(async () => test.cleanup())

  it('keeps every save as a version and reads any of them back', async () => {
    const first = await saveDocument(test.as(editor), guidance)
    expect(first).toMatchObject({ version: 1, slug: 'data-handling', kind: 'guidance', language: 'en' })
    const second = await saveDocument(test.as(editor), {
      ...guidance,
      documentId: first.documentId,
      baseVersion: 1,
      body: '# Data\n\nAgree on storage in Germany.\n\nAgree on access.',
      changeNote: 'Storage location',
    })
    expect(second.version).toBe(2)
    const current = await getDocument(test.as(researcher), 'data-handling', 'en')
    expect(current).toMatchObject({ version: 2, versionId: second.versionId, tags: ['data', 'agreements'] })
    expect(current.canEdit).toBe(false)
    expect((await getDocumentVersion(test.as(researcher), first.documentId, 1)).body).toBe(guidance.body)
    const history = await listHistory(test.as(researcher), first.documentId)
    expect(history.map((entry) => entry.version)).toEqual([2, 1])
    const diff = await diffVersions(test.as(researcher), first.documentId, 1, 2)
    expect(diff.body.filter((part) => part.kind === 'removed').map((part) => part.text)).toEqual([
      'Agree on storage.\n',
    ])
    expect(diff.body.filter((part) => part.kind === 'added').map((part) => part.text)).toEqual([
      'Agree on storage in Germany.\n',
    ])
  })

  it('refuses a stale save with the changes made since the editor’s base version', async () => {
    const doc = await getDocument(test.as(editor), 'data-handling', 'en')
    await saveDocument(test.as(other), {
      ...guidance,
      documentId: doc.documentId,
      baseVersion: doc.version,
      title: 'Handling research data with partners abroad',
    })
    const stale = await saveDocument(test.as(editor), {
      ...guidance,
      documentId: doc.documentId,
      baseVersion: doc.version,
      body: 'my edit',
    }).catch((error: unknown) => error)
    expect(isAppError(stale, 'conflict')).toBe(true)
    const conflict = isAppError(stale) ? (stale.details.data?.conflict as Record<string, unknown>) : undefined
    expect(conflict).toMatchObject({ baseVersion: doc.version, currentVersion: doc.version + 1 })
    expect(conflict?.diff).toMatchObject({
      fields: [
        { field: 'title', before: guidance.title, after: 'Handling research data with partners abroad' },
      ],
    })
    expect((await getDocument(test.as(editor), doc.documentId)).title).toBe(
      'Handling research data with partners abroad',
    )
  })

  it('lets exactly one of two concurrent saves on the same base win', async () => {
    const doc = await getDocument(test.as(editor), 'data-handling', 'en')
    const results = await Promise.allSettled([
      saveDocument(test.as(editor), {
        ...guidance,
        documentId: doc.documentId,
        baseVersion: doc.version,
        body: 'A',
      }),
      saveDocument(test.as(other), {
        ...guidance,
        documentId: doc.documentId,
        baseVersion: doc.version,
        body: 'B',
      }),
    ])
    const won = results.filter((result) => result.status === 'fulfilled')
    const lost = results.filter((result) => result.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(isAppError(lost[0]?.status === 'rejected' ? lost[0].reason : null, 'conflict')).toBe(true)
    const after = await getDocument(test.as(editor), doc.documentId)
    expect(after.version).toBe(doc.version + 1)
    expect(['A', 'B']).toContain(after.body)
    expect((await listHistory(test.as(editor), doc.documentId)).length).toBe(doc.version + 1)
  })

  it('restores an old version as a new version, keeping the history', async () => {
    const doc = await getDocument(test.as(editor), 'data-handling', 'en')
    const restored = await restoreVersion(test.as(editor), doc.documentId, {
      version: 1,
      baseVersion: doc.version,
    })
    expect(restored).toMatchObject({
      version: doc.version + 1,
      restoredFrom: 1,
      body: guidance.body,
      title: guidance.title,
    })
    expect((await listHistory(test.as(editor), doc.documentId))[0]).toMatchObject({ restoredFrom: 1 })
  })

  it('lets only the owner office, research security and admins edit; researchers read', async () => {
    const doc = await getDocument(test.as(researcher), 'data-handling', 'en')
    const legal = await actorFor(test, 'legal')
    for (const actor of [researcher, legal]) {
      const denied = await saveDocument(test.as(actor), {
        ...guidance,
        documentId: doc.documentId,
        baseVersion: doc.version,
      }).catch((error: unknown) => error)
      expect(isAppError(denied, 'forbidden')).toBe(true)
    }
    const admin = await actorFor(test, 'admin')
    expect((await getDocument(test.as(admin), doc.documentId)).canEdit).toBe(true)
    expect((await getDocument(test.as(other), doc.documentId)).canEdit).toBe(true)
  })

  it('hides documents for administrators from researchers', async () => {
    const internal = await saveDocument(test.as(editor), {
      ...guidance,
      slug: 'internal-procedure',
      audience: 'administrators',
    })
    const denied = await getDocument(test.as(researcher), internal.documentId).catch(
      (error: unknown) => error,
    )
    expect(isAppError(denied, 'not_found')).toBe(true)
    expect((await getDocument(test.as(other), internal.documentId)).audience).toBe('administrators')
  })

  it('refuses a second document with the same slug and language, but accepts the translation', async () => {
    const taken = await saveDocument(test.as(editor), guidance).catch((error: unknown) => error)
    expect(isAppError(taken, 'conflict')).toBe(true)
    const german = await saveDocument(test.as(editor), {
      ...guidance,
      language: 'de',
      title: 'Forschungsdaten',
    })
    const english = await getDocument(test.as(researcher), 'data-handling', 'en')
    expect(english.translations).toEqual([
      { language: 'de', documentId: german.documentId, title: 'Forschungsdaten' },
    ])
  })
})
