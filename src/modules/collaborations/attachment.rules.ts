/** File types an attachment may have, by extension, with the bytes their content must start with. */
const allowedTypes: Record<string, { contentType: string; magic: number[][] | 'text' }> = {
  pdf: { contentType: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  doc: { contentType: 'application/msword', magic: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]] },
  xls: { contentType: 'application/vnd.ms-excel', magic: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]] },
  png: { contentType: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  jpg: { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  txt: { contentType: 'text/plain; charset=utf-8', magic: 'text' },
  csv: { contentType: 'text/csv; charset=utf-8', magic: 'text' },
  md: { contentType: 'text/markdown; charset=utf-8', magic: 'text' },
}

/** The extensions accepted, for messages and the upload form. */
export const allowedExtensions = Object.keys(allowedTypes)

/**
 * Why a file name is refused, or null when it is acceptable. Names with path parts, leading dots,
 * control characters or reserved device names are refused rather than silently rewritten.
 */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'The file has no name'
  if (name.length > 200) return 'The file name is longer than 200 characters'
  if (!name.isWellFormed()) return 'The file name contains broken characters'
  if (/[/\\]/.test(name) || name.includes('..')) return 'The file name must not contain a path'
  // Percent-encoded dots and separators turn into a path wherever the name is decoded again.
  if (/%(2e|2f|5c)/i.test(name)) return 'The file name must not contain a path'
  if (name.startsWith('.')) return 'The file name must not start with a dot'
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x20 || code === 0x7f) return 'The file name contains control characters'
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) return 'The file name is reserved'
  return null
}

/** The extension of a file name in lower case ('' when there is none). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/**
 * Checks a file's name, size and content against the rules and returns the content type to store.
 * The declared type of the upload is ignored: the content decides.
 */
export function checkUpload(
  name: string,
  bytes: Uint8Array,
  maxBytes: number,
): { ok: true; contentType: string } | { ok: false; field: string; message: string } {
  const nameProblem = fileNameProblem(name)
  if (nameProblem) return { ok: false, field: 'file.name', message: nameProblem }
  if (bytes.length === 0) return { ok: false, field: 'file', message: 'The file is empty' }
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      field: 'file',
      message: `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
    }
  }
  const type = allowedTypes[extensionOf(name)]
  if (!type)
    return { ok: false, field: 'file.name', message: `Allowed file types: ${allowedExtensions.join(', ')}` }
  const matches =
    type.magic === 'text'
      ? isPlainText(bytes)
      : type.magic.some((signature) => signature.every((byte, index) => bytes[index] === byte))
  if (!matches)
    return { ok: false, field: 'file', message: `The content is not a .${extensionOf(name)} file` }
  return { ok: true, contentType: type.contentType }
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
