import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../src/server/app.js'
import { createTestApp, createTestDatabase } from './test-app.js'

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

describe('the interactive API reference', () => {
  it('serves the reference page, its initialiser and assets without inline script', async () => {
    const test = await createTestDatabase()
    try {
      const harness = createTestApp(test)
      const page = await harness.request('/api/docs')
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('/api/docs/init.js')
      expect(html).not.toMatch(/<script>[^<]/)
      const init = await harness.request('/api/docs/init.js')
      expect(await init.text()).toContain('/api/v1/openapi.json')
      expect((await harness.request('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200)
      expect((await harness.request('/api/docs/assets/nothing.js')).status).toBe(404)
      expect((await harness.request('/api/v1/openapi.json')).status).toBe(200)
    } finally {
      await test.cleanup()
    }
  })
})
