import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ZodError } from 'zod'
import { AppError, type FieldProblem, statusByCode } from '../platform/errors.js'

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
}

/** The RFC 9457 body every error response carries. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  requestId: string | null
  errors?: FieldProblem[]
}

/** Turns zod issues into field problems with dotted paths. */
export function fieldProblems(error: ZodError, prefix = ''): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.')
    // Unknown keys are reported once per key, so the field is the key itself.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [path, key].filter(Boolean).join('.'),
        message: 'Unknown field',
        code: issue.code,
      }))
    }
    return [{ field: path || '(body)', message: issue.message, code: issue.code }]
  })
}

/** Writes a problem+json response. */
export function problemResponse(
  c: Context,
  status: number,
  detail: string,
  extra: { errors?: FieldProblem[]; retryAfterSeconds?: number; data?: Record<string, unknown> } = {},
): Response {
  const body: Problem = {
    ...extra.data,
    type: `urn:liaison:problem:${(titles[status] ?? 'error').toLowerCase().replaceAll(' ', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId') ?? null,
    ...(extra.errors ? { errors: extra.errors } : {}),
  }
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' }
  if (extra.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.ceil(extra.retryAfterSeconds))
  // status comes from our own table, so it is always a status with a body.
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, headers)
}

/** Maps any thrown value to a problem response; unexpected errors are logged and hidden. */
export function errorToResponse(c: Context, error: unknown): Response {
  if (error instanceof AppError) {
    return problemResponse(c, statusByCode[error.code], error.message, {
      errors: error.details.fields,
      retryAfterSeconds: error.details.retryAfterSeconds,
      data: error.details.data,
    })
  }
  if (error instanceof ZodError) {
    return problemResponse(c, 422, 'The input is not valid.', { errors: fieldProblems(error) })
  }
  const status = (error as { status?: unknown })?.status
  // Hono's own HTTPExceptions (e.g. from bodyLimit) carry a status we can pass on.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problemResponse(c, status, error instanceof Error ? error.message : 'Request rejected.')
  }
  c.get('ctx')?.log.error({ err: error }, 'unhandled error')
  return problemResponse(c, 500, 'Something went wrong on our side. The error has been logged.')
}
