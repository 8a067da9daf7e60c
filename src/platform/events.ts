import type { Ctx } from './context.js'
import type { Db } from './db/database.js'

/**
 * Domain events, delivered synchronously inside the transaction of the change that raised them.
 * A module reacts to another's changes without the two importing each other; a handler that
 * throws rolls the whole change back (that is how a module can veto a step).
 */
export interface DomainEvents {
  /** A collaboration is about to move from one status to another (handlers may refuse). */
  'collaboration.transitioning': { collaborationId: string; from: string; to: string }
  /** A collaboration moved from one status to another. */
  'collaboration.transitioned': {
    collaborationId: string
    from: string
    to: string
    details: Record<string, unknown>
  }
}

type Handler<K extends keyof DomainEvents> = (trx: Db, ctx: Ctx, event: DomainEvents[K]) => Promise<void>

const handlers: { [K in keyof DomainEvents]?: Handler<K>[] } = {}

/** Subscribes to a domain event; modules subscribe when they are loaded. */
export function onDomainEvent<K extends keyof DomainEvents>(name: K, handler: Handler<K>): void {
  const list: Handler<K>[] = handlers[name] ?? []
  list.push(handler)
  // The list holds handlers of exactly this event; TypeScript cannot relate the mapped type to K here.
  handlers[name] = list as (typeof handlers)[K]
}

/** Delivers an event to every subscriber, in order, inside the caller's transaction. */
export async function emitDomainEvent<K extends keyof DomainEvents>(
  trx: Db,
  ctx: Ctx,
  name: K,
  event: DomainEvents[K],
): Promise<void> {
  const list: Handler<K>[] = handlers[name] ?? []
  for (const handler of list) await handler(trx, ctx, event)
}
