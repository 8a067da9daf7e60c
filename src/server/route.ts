import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { type Action, can } from '../modules/access/index.js'
import { AppError } from '../platform/errors.js'
import type { AppEnv } from './env.js'
import { fieldProblems, problemResponse } from './problem.js'

/** What a route requires: an action of the policy, any signed-in user, or nothing (public). */
export type RouteAccess = Action | 'public'

/** Rejects the request before its input is read when the actor may never perform the action. */
function gate(access: RouteAccess): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access !== 'public') {
      const actor = c.var.ctx.actor
      if (actor === null) throw new AppError('unauthenticated', 'Please sign in.')
      if (!can(actor, access)) throw new AppError('forbidden', `You may not perform "${access}".`)
    }
    await next()
  }
}

/**
 * Declares a route once: its zod contract (for validation and the OpenAPI document) and the
 * policy action it needs, recorded as `x-action` so the permission test can walk every route.
 */
export function defineRoute<const R extends Omit<RouteConfig, 'middleware'>>(access: RouteAccess, route: R) {
  return createRoute({ ...route, 'x-action': access, middleware: [gate(access)] as const })
}

/** A router for one module, with validation errors answered as problem+json naming each field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const where = result.target === 'json' ? '' : result.target
        return problemResponse(c, 422, 'The input is not valid.', {
          errors: fieldProblems(result.error, where),
        })
      }
    },
  })
}

/** The RFC 9457 error body of every failed request. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string().nullable(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .meta({ id: 'Problem' })

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
})

/** Standard error responses for the OpenAPI document. */
export const problemResponses = {
  401: problem('Not signed in'),
  403: problem('Not allowed'),
  422: problem('Invalid input; `errors` names each field'),
} as const

/** A JSON response for the route declaration. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

/** A required JSON request body for the route declaration. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})
