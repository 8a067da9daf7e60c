/** The error codes the domain may raise; the HTTP layer maps each to one status. */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal'

/** The one code -> HTTP status table. */
export const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
}

/** One problem with one field of the input, as listed in a problem+json `errors` array. */
export interface FieldProblem {
  /** JSON pointer-like dotted path of the field, e.g. `partners.0.name`. */
  field: string
  message: string
  code?: string
}

/** An expected failure of a domain operation; never carries HTTP details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      fields?: FieldProblem[]
      retryAfterSeconds?: number
      /** Further members of the problem body (e.g. a save conflict's diff); JSON-serialisable. */
      data?: Record<string, unknown>
    } = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** Whether a value is an AppError with the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code)
}
