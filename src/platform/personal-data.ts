import { sql } from 'kysely'
import type { Ctx } from './context.js'
import type { Db } from './db/database.js'

/** The person whose data are exported or erased, as identified before any change. */
export interface DataSubject {
  id: string
  username: string
  displayName: string
  email: string
}

/** What replaces the person's identifying data everywhere. */
export interface Pseudonym {
  /** Replaces the username and identifies the person from now on, e.g. "erased-3f2a9c1b". */
  username: string
  /** Replaces the display name, e.g. "Person 3f2a9c1b". */
  displayName: string
  /** Replaces the e-mail address (an address that cannot receive mail). */
  email: string
}

/** Everything an erasing provider needs; it writes only through `trx`. */
export interface Erasure {
  subject: DataSubject
  pseudonym: Pseudonym
  /** The id of the audit entry that will record this erasure (entries pseudonymised refer to it). */
  erasureId: string
  /** Strings that identify the person (display name, e-mail, username): replaced wherever they occur. */
  needles: readonly string[]
  /** What the erasure entry must record beyond counts (e.g. digests of pseudonymised audit entries). */
  record: Record<string, unknown>
}

/** What a provider reports of an erasure: counts only, never the erased values. */
export type ErasureCounts = Record<string, number>

/**
 * A module's share of a person's data. Every module that stores something about people registers
 * one, so that the export is complete and the erasure reaches every table (ADR 0007).
 */
export interface PersonalDataProvider {
  /** A stable key, used as the section name of the export. */
  name: string
  /** Everything the module holds about the person, as plain JSON. */
  export(ctx: Ctx, subject: DataSubject): Promise<unknown>
  /** Replaces the person's identifying data by the pseudonym; runs inside the erasure's transaction. */
  erase(ctx: Ctx, erasure: Erasure, trx: Db): Promise<ErasureCounts>
  /** Providers run in ascending order (default 100); the generic text scrub runs last. */
  order?: number
}

const providers = new Map<string, PersonalDataProvider>()

/** Registers a module's provider (once per name; modules call this when they are loaded). */
export function registerPersonalDataProvider(provider: PersonalDataProvider): void {
  providers.set(provider.name, provider)
}

/** Every registered provider, in the order erasure runs them. */
export function personalDataProviders(): PersonalDataProvider[] {
  return [...providers.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
}

/** Academic titles that are left off to find the bare name in free text. */
const titles = /^(?:(?:Prof|Dr|PD|Dipl|Ing|rer|nat|med|phil|habil)\.?(?:-\S+)?\s+)+/i

/**
 * The strings that identify a person and are replaced wherever they occur as a substring:
 * the e-mail address, the display name, the name without academic titles (and their JSON-escaped
 * forms). The username is replaced only where it stands alone (a field, a JSON string, an
 * @mention): usernames such as "admin" are ordinary words.
 */
export function identifyingStrings(subject: DataSubject): string[] {
  const bare = subject.displayName.replace(titles, '').trim()
  const base = [subject.email, subject.displayName, bare].filter((text) => text.length >= 3)
  const escaped = base.map((text) => JSON.stringify(text).slice(1, -1))
  return [...new Set([...base, ...escaped])].sort((a, b) => b.length - a.length)
}

/** Replaces the person's identifying strings in free text (and @mentions of the username). */
export function scrubText(text: string, erasure: Pick<Erasure, 'needles' | 'subject' | 'pseudonym'>): string {
  const { subject, pseudonym } = erasure
  let result = text
  for (const needle of erasure.needles) {
    if (!result.includes(needle)) continue
    const isEmail = needle === subject.email || needle === JSON.stringify(subject.email).slice(1, -1)
    result = result.split(needle).join(isEmail ? pseudonym.email : pseudonym.displayName)
  }
  return result.split(`@${subject.username}`).join(`@${pseudonym.username}`)
}

/** Keys under which a string equal to the username means the person (not, say, the role "admin"). */
const personKeys = /user|name|by$|author|actor|mention|recipient|login|who/i

/**
 * Scrubs a parsed JSON value: identifying strings are replaced everywhere; a string equal to the
 * username becomes the pseudonym only under keys that name a person (a username such as "admin"
 * or "researcher" is also a role name).
 */
export function scrubValue(
  value: unknown,
  erasure: Pick<Erasure, 'needles' | 'subject' | 'pseudonym'>,
  personKey = false,
): unknown {
  if (typeof value === 'string') {
    return personKey && value === erasure.subject.username
      ? erasure.pseudonym.username
      : scrubText(value, erasure)
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, erasure, personKey))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, scrubValue(inner, erasure, personKeys.test(key))]),
    )
  }
  return value
}

/**
 * Sets `to` where a column holds exactly one of `from` (columns that record who did something by
 * name). Table and column names are snake_case and come from code, never from input.
 */
export async function renameInColumns(
  trx: Db,
  targets: ReadonlyArray<readonly [table: string, column: string]>,
  from: readonly string[],
  to: string,
): Promise<number> {
  let changed = 0
  for (const [table, column] of targets) {
    const result =
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${to} where ${sql.ref(column)} in (${sql.join(from)})`.execute(
        trx,
      )
    changed += Number(result.numAffectedRows ?? 0)
  }
  return changed
}
