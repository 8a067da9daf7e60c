import { z } from 'zod'
import {
  type DocumentLanguage,
  FunderNoticeTextSchema,
  RegisterFieldInfoSchema,
} from '../../../modules/reportdocs/reportdocs.schema.js'
import { ApiError, downloadUrl, request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

const ProblemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  requestId: z.string().nullable().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
})

/** The file name a response announces (RFC 6266 `filename*` first), or the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? ''
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1]
  if (encoded) return decodeURIComponent(encoded)
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback
}

/**
 * Fetches a generated file and hands it to the browser as a download; a refusal becomes an
 * ApiError with the problem's field messages, so the page can show it instead of raw JSON.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await fetch(downloadUrl(path), { credentials: 'same-origin' })
  if (!response.ok) {
    const parsed = ProblemSchema.safeParse(await response.json().catch(() => ({})))
    const body = parsed.success ? parsed.data : {}
    throw new ApiError({
      status: response.status,
      title: body.title ?? response.statusText,
      detail: body.detail,
      errors: body.errors,
      requestId: body.requestId ?? null,
    })
  }
  const name = fileNameOf(response, fallbackName)
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

/** The report documents API. */
export const reportdocsApi = {
  caseReportUrl: (caseId: string, language: DocumentLanguage) =>
    downloadUrl(`/collaborations/${id(caseId)}/report.pdf?lang=${language}`),
  funderNoticePdfUrl: (caseId: string, language: DocumentLanguage) =>
    downloadUrl(`/collaborations/${id(caseId)}/funder-notice.pdf?lang=${language}`),
  funderNoticeText: (caseId: string, language: DocumentLanguage) =>
    request(FunderNoticeTextSchema, 'GET', `/collaborations/${id(caseId)}/funder-notice-text`, {
      query: { lang: language },
    }),
  registerFields: () => request(z.array(RegisterFieldInfoSchema), 'GET', '/register/fields'),
  exportRegister: (query: Record<string, string | undefined>) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
    return downloadFile(`/register/export?${params.toString()}`, 'register')
  },
}
