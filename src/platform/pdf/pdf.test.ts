import { describe, expect, it } from 'vitest'
import { readPdfText } from '../../../test/pdf-text.js'
import { cjkToPinyin, PdfWriter } from './pdf.js'

const generatedAt = new Date('2026-11-28T10:00:00Z')

describe('PDF writer', () => {
  it('writes headings, label/value pairs, tables, lists and Markdown that read back as text', async () => {
    const pdf = new PdfWriter({
      title: 'Prüfbericht LIA-2026-0001',
      subtitle: 'Kooperation „Quantensensorik“',
      language: 'de',
      institution: 'Forschungszentrum Havelland',
      generatedAt,
    })
    pdf.heading('Übersicht')
    pdf.keyValues([
      ['Partner', 'Tsinghua University'],
      ['TRL', '3'],
    ])
    pdf.table(
      [
        { header: 'Stelle', width: 0.5 },
        { header: 'Votum', width: 0.5 },
      ],
      Array.from({ length: 80 }, (_, index) => [
        `Stelle ${index + 1}`,
        index % 2 ? 'Keine Einwände' : 'Mit Auflagen',
      ]),
    )
    pdf.bullets(['Auflage eins', 'Auflage zwei'], true)
    pdf.markdown(
      '## Hinweise\n\nDas ist **wichtig** und *kursiv*.\n\n- Punkt A\n- Punkt B\n\n<script>alert(1)</script>',
    )
    const bytes = await pdf.toBuffer()
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const { text, pages } = await readPdfText(bytes)
    expect(pages).toBeGreaterThan(1)
    for (const expected of [
      'Prüfbericht LIA-2026-0001',
      'Kooperation „Quantensensorik“',
      'Tsinghua University',
      'Stelle 80',
      'Auflage zwei',
      'Hinweise',
      'wichtig',
      'Punkt B',
      `Seite 1 von ${pages}`,
      'Erstellt am 28. November 2026',
    ]) {
      expect(text).toContain(expected)
    }
    // Raw HTML is printed as text, never interpreted.
    expect(text).toContain('<script>alert(1)</script>')
    // The table header is repeated on the second page.
    expect(text.split('Stelle Votum').length + text.split('StelleVotum').length).toBeGreaterThan(2)
  })

  it('gives Chinese characters in pinyin when no CJK font is installed, and says so', async () => {
    expect(cjkToPinyin('清华大学 (Tsinghua)')).toBe('⟨qīng huá dà xué⟩ (Tsinghua)')
    const pdf = new PdfWriter({ title: 'Report', language: 'en', institution: 'Test', generatedAt })
    pdf.keyValues([['Partner', '清华大学']])
    const { text } = await readPdfText(await pdf.toBuffer())
    expect(text).toContain('qīng huá dà xué')
    expect(text).toContain('Chinese characters are given in pinyin.')
    expect(text).toContain('Page 1 of 1')
  })
})
