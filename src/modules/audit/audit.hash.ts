import { createHash, randomBytes } from 'node:crypto'

/** The hash the first entry of the chain points back to. */
export const genesisHash = '0'.repeat(64)

/**
 * The fields the chain hash covers (ADR 0007). Personal content (actor name, before, after)
 * is not hashed directly: the chain covers `contentDigest`, a salted digest of that content, so
 * the content can later be pseudonymised without breaking the chain.
 */
export interface HashedFields {
  id: string
  at: string
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  requestId: string | null
  prevHash: string
  contentDigest: string
}

/** The content of an entry that may hold personal data, covered by the salted content digest. */
export interface EntryContent {
  actorName: string
  before: string | null
  after: string | null
}

/** JSON with object keys sorted, so equal values always serialise to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}

/** A fresh random salt for one entry's content digest. */
export function newContentSalt(): string {
  return randomBytes(16).toString('hex')
}

/**
 * SHA-256 over the salt and the content. The salt is deleted when the content is pseudonymised,
 * so the kept digest cannot be used to test guesses of the erased name.
 */
export function digestContent(salt: string, content: EntryContent): string {
  return createHash('sha256')
    .update(
      canonicalJson({ salt, actorName: content.actorName, before: content.before, after: content.after }),
    )
    .digest('hex')
}

/** SHA-256 over the canonical form of an entry, chained to its predecessor through `prevHash`. */
export function hashEntry(fields: HashedFields): string {
  const { id, at, actorId, action, entityType, entityId, requestId, prevHash, contentDigest } = fields
  return createHash('sha256')
    .update(
      canonicalJson({
        v: 2,
        id,
        at,
        actorId,
        action,
        entityType,
        entityId,
        requestId,
        prevHash,
        contentDigest,
      }),
    )
    .digest('hex')
}
