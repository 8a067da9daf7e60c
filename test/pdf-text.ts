import { extractText, getDocumentProxy } from 'unpdf'

/** The text of a generated PDF, read back with PDF.js (pages joined by newlines). */
export async function readPdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  const { text, totalPages } = await extractText(pdf, { mergePages: false })
  return { text: text.join('\n'), pages: totalPages }
}
