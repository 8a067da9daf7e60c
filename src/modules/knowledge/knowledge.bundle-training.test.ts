import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, createTestApp, type TestDatabase, testDialect } from '../../../test/test-app.js'
import { seedDemoTraining } from '../../demo/training.seed.js'

describe(`trainings shared in a signed bundle (${testDialect})`, () => {
  let source: TestDatabase
  let target: TestDatabase
  beforeAll(async () => {
    source = await createDemoDatabase()
    target = await createDemoDatabase()
    await seedDemoTraining(source.ctx)
  }, 60_000)
  afterAll(async () => {
    await source?.cleanup()
    await target?.cleanup()
  })

  it('exports a training with its quiz, shows it as new at the other institution and applies it as a module version', async () => {
    const exporter = await createTestApp(source).login('admin')
    const exported = await exporter.request('/api/v1/knowledge/bundles/export', {
      method: 'POST',
      json: { trainingModuleKeys: ['dual-use-basics'] },
    })
    expect(exported.status).toBe(200)
    const bundle = await exported.json()
    expect(bundle.items).toMatchObject([{ kind: 'training-module', key: 'dual-use-basics' }])
    expect(bundle.items[0].content.quiz.length).toBeGreaterThan(0)
    // Nothing about people travels: no completions, no user names.
    expect(JSON.stringify(bundle)).not.toMatch(/Lena|Hoffmann|researcher@/)

    const unknown = await exporter.request('/api/v1/knowledge/bundles/export', {
      method: 'POST',
      json: { trainingModuleKeys: ['no-such-training'] },
    })
    expect(unknown.status).toBe(404)

    // A changed quiz answer breaks the signature.
    const tampered = structuredClone(bundle)
    tampered.items[0].content.quiz[0].correct = [1]
    const importer = await createTestApp(target).login('admin')
    const refused = await importer.request('/api/v1/knowledge/bundles/imports', {
      method: 'POST',
      json: tampered,
    })
    expect(refused.status).toBe(422)
    expect((await importer.request('/api/v1/training/modules')).status).toBe(200)

    const staged = await importer.request('/api/v1/knowledge/bundles/imports', {
      method: 'POST',
      json: bundle,
    })
    expect(staged.status).toBe(201)
    const preview = await staged.json()
    expect(preview.items).toMatchObject([{ kind: 'training-module', key: 'dual-use-basics', change: 'new' }])
    const applied = await importer.request(`/api/v1/knowledge/bundles/imports/${preview.importId}/apply`, {
      method: 'POST',
      json: { confirmUnknownKey: true },
    })
    expect(applied.status).toBe(200)
    const modules = (await (await importer.request('/api/v1/training/modules')).json()) as Array<{
      key: string
    }>
    expect(modules.map((module) => module.key)).toContain('dual-use-basics')

    // The same bundle again changes nothing.
    const again = await (
      await importer.request('/api/v1/knowledge/bundles/imports', { method: 'POST', json: bundle })
    ).json()
    expect(again.items).toMatchObject([{ change: 'unchanged' }])
  }, 60_000)
})
