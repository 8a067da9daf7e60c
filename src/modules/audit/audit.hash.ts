import { createHash } from 'node:crypto'

/** The hash the first entry of the chain points back to. */
export const genesisHash = '0'.repeat(64)

/** The fields of an entry that its hash covers (everything but the sequence number and the hash). */
export interface HashedFields {
  id: string
  at: string
  actorId: string | null
  actorName: string
  action: string
  entityType: string
  entityId: string
  before: string | null
  after: string | null
  requestId: string | null
  prevHash: string
}

/** JSON with object keys sorted, so equal values always serialise to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}

/** SHA-256 over the canonical form of an entry, chained to its predecessor through `prevHash`. */
export function hashEntry(fields: HashedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex')
}
