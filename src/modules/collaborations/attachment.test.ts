import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { checkUpload, fileNameProblem } from './attachment.rules.js'

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')

describe('attachment rules', () => {
  it.each([
    ['../../etc/passwd.pdf', 'path'],
    ['C:\\Windows\\system.ini', 'path'],
    ['.htaccess', 'dot'],
    ['report\u0000.pdf', 'control'],
    ['CON.txt', 'reserved'],
    ['', 'no name'],
  ])('refuses the file name %j', (name, reason) => {
    expect(fileNameProblem(name)?.toLowerCase()).toContain(reason)
  })

  it('accepts ordinary names in any script', () => {
    expect(fileNameProblem('合作协议 Entwurf v2.pdf')).toBeNull()
  })

  it('decides by content, not by the extension alone', () => {
    expect(checkUpload('agreement.pdf', pdf, 1000)).toEqual({ ok: true, contentType: 'application/pdf' })
    const executable = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])
    expect(checkUpload('agreement.pdf', executable, 1000)).toMatchObject({ ok: false, field: 'file' })
    expect(checkUpload('tool.exe', executable, 1000)).toMatchObject({ ok: false, field: 'file.name' })
    expect(checkUpload('notes.txt', new Uint8Array([0xff, 0xfe, 0x00]), 1000)).toMatchObject({ ok: false })
    expect(checkUpload('big.pdf', pdf, 10)).toMatchObject({
      ok: false,
      message: expect.stringContaining('larger'),
    })
  })
})

describe('attachments through the API', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let researcher: TestClient
  let caseId: string

  beforeAll(async () => {
    test = await createDemoDatabase({ ATTACHMENT_MAX_MB: '0.05' })
    harness = createTestApp(test)
    researcher = await harness.login('researcher')
    const ids = await demoIds(test.database.db)
    const created = await researcher.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: buildSheet(ids) },
    })
    caseId = (await created.json()).id
  })
  afterAll(async () => test.cleanup())

  const upload = (client: TestClient, name: string, bytes: Uint8Array<ArrayBuffer>) => {
    const form = new FormData()
    form.set('file', new File([bytes], name, { type: 'application/octet-stream' }))
    form.set('description', 'Draft cooperation agreement')
    return client.request(`/api/v1/collaborations/${caseId}/attachments`, { method: 'POST', body: form })
  }

  it('stores a file, lists it and returns the same bytes for download', async () => {
    const response = await upload(researcher, '合作协议 draft.pdf', pdf)
    expect(response.status).toBe(201)
    const attachment = await response.json()
    expect(attachment).toMatchObject({
      fileName: '合作协议 draft.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    })
    const list = await (await researcher.request(`/api/v1/collaborations/${caseId}/attachments`)).json()
    expect(list).toHaveLength(1)
    const download = await researcher.request(`/api/v1/collaborations/${caseId}/attachments/${attachment.id}`)
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''")
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf)
  })

  it('refuses path tricks, disguised executables and oversized files, and stores nothing', async () => {
    const before = (await (await researcher.request(`/api/v1/collaborations/${caseId}/attachments`)).json())
      .length
    const traversal = await upload(researcher, '../../etc/passwd.pdf', pdf)
    expect(traversal.status).toBe(422)
    expect((await traversal.json()).errors[0].field).toBe('file.name')
    expect((await upload(researcher, 'invoice.pdf', new Uint8Array([0x4d, 0x5a, 0x90]))).status).toBe(422)
    const big = new Uint8Array(60 * 1024)
    big.set(pdf)
    expect((await upload(researcher, 'big.pdf', big)).status).toBe(413)
    const after = (await (await researcher.request(`/api/v1/collaborations/${caseId}/attachments`)).json())
      .length
    expect(after).toBe(before)
  })

  it('keeps other users out of a draft’s files and lets authors remove them', async () => {
    const attachment = await (
      await upload(researcher, 'partner.txt', new TextEncoder().encode('About the partner'))
    ).json()
    const other = await harness.login('expert')
    expect(
      (await other.request(`/api/v1/collaborations/${caseId}/attachments/${attachment.id}`)).status,
    ).toBe(404)
    expect((await upload(other, 'x.txt', new TextEncoder().encode('x'))).status).toBe(404)
    const removed = await researcher.request(
      `/api/v1/collaborations/${caseId}/attachments/${attachment.id}`,
      { method: 'DELETE' },
    )
    expect(removed.status).toBe(204)
    expect(
      (await researcher.request(`/api/v1/collaborations/${caseId}/attachments/${attachment.id}`)).status,
    ).toBe(404)
  })
})
