import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../src/server/app.js'

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and names the problem+json error model', () => {
    const document = openApiDocument()
    expect(document.openapi).toBe('3.1.0')
    expect(document.components?.schemas).toHaveProperty('SessionInfo')
    expect(document.components?.schemas).toHaveProperty('User')
    expect(document.components?.schemas).toHaveProperty('Problem')
  })

  it('matches the committed docs/openapi.json (run `npm run openapi` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8'))
    expect(JSON.parse(JSON.stringify(openApiDocument()))).toEqual(committed)
  })
})
