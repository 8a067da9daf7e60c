import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { problemResponse } from '../problem.js'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Refuses NUL characters in the path, query parameters and JSON bodies before any handler sees them:
 * PostgreSQL cannot store them in text and would answer with an error, and no field of Liaison
 * has a use for them.
 */
export function refuseNulCharacters(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url)
    if (/%00/i.test(url.pathname) || url.pathname.includes('\u0000')) {
      return problemResponse(c, 422, 'The input is not valid.', {
        errors: [{ field: 'path', message: 'Contains a NUL character' }],
      })
    }
    for (const [name, value] of url.searchParams) {
      if (value.includes('\u0000') || name.includes('\u0000')) {
        return problemResponse(c, 422, 'The input is not valid.', {
          errors: [{ field: `query.${name.replaceAll('\u0000', '')}`, message: 'Contains a NUL character' }],
        })
      }
    }
    if (unsafeMethods.has(c.req.method) && (c.req.header('content-type') ?? '').includes('json')) {
      const text = await c.req.text()
      if (text.includes('\\u0000') || text.includes('\u0000')) {
        return problemResponse(c, 422, 'The input is not valid.', {
          errors: [{ field: 'body', message: 'Contains a NUL character' }],
        })
      }
    }
    await next()
  }
}
