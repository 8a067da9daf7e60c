import pino, { type Logger } from 'pino'
import type { Config } from './config.js'

/** The structured JSON logger (pino); secrets in headers and bodies are redacted. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { app: 'liaison' },
    redact: {
      paths: ['password', '*.password', 'headers.authorization', 'headers.cookie', 'token', '*.token'],
      censor: '[redacted]',
    },
  })
}
