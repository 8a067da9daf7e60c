import type { Logger } from 'pino'
import type { Actor } from '../modules/access/access.schema.js'
import type { Config } from './config.js'
import type { Dialect } from './db/columns.js'
import type { Db } from './db/database.js'
import type { BlobStorage } from './storage/storage.js'

/** What every service function receives: the database, who acts, the clock and a logger. */
export interface Ctx {
  db: Db
  dialect: Dialect
  config: Config
  /** Null for anonymous requests; services that need a person call `requireActor`. */
  actor: Actor | null
  now: () => Date
  log: Logger
  requestId: string | null
  /** Uploaded files. */
  storage: BlobStorage
}
