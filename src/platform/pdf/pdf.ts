import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import MarkdownIt from 'markdown-it'
import PDFDocument from 'pdfkit'
import { pinyin } from 'pinyin-pro'

/**
 * Printable documents (reports, notices, contract drafts) as PDF. One small writer with the
 * institution's layout: header, footer with page numbers, headings, paragraphs, label/value
 * blocks, tables that repeat their header on a new page, lists and Markdown. Text is set in
 * DejaVu Sans (shipped in data/fonts), which covers German, English and pinyin with tone marks.
 * Chinese characters need a CJK font: with `cjkFont` (config PDF_CJK_FONT) they are set in it,
 * otherwise they are given in pinyin and the document says so, so nothing silently disappears.
 */

const fontFolder = fileURLToPath(new URL('../../../data/fonts/', import.meta.url))
const regularFont = `${fontFolder}DejaVuSans.ttf`
const boldFont = `${fontFolder}DejaVuSans-Bold.ttf`

export type PdfLanguage = 'de' | 'en'

export interface PdfOptions {
  title: string
  subtitle?: string
  language: PdfLanguage
  /** Shown in the running header. */
  institution: string
  generatedAt: Date
  /** Path of a TrueType/OpenType font with Chinese characters, if the installation has one. */
  cjkFont?: string | null
  /** Document metadata. */
  author?: string
}

export interface PdfColumn {
  header: string
  /** Share of the text width (all columns together ≈ 1). */
  width: number
  align?: 'left' | 'right'
}

const colours = {
  text: '#1f2933',
  muted: '#52606d',
  accent: '#1d4f91',
  rule: '#cbd2d9',
  band: '#f0f4f8',
}

const footerTexts = {
  de: {
    page: 'Seite {n} von {total}',
    generated: 'Erstellt am {date}',
    pinyin: 'Chinesische Schriftzeichen sind in Pinyin wiedergegeben.',
  },
  en: {
    page: 'Page {n} of {total}',
    generated: 'Generated on {date}',
    pinyin: 'Chinese characters are given in pinyin.',
  },
} as const

const cjkRun = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+/g

/** Replaces runs of Chinese characters by their pinyin (with tone marks) in brackets. */
export function cjkToPinyin(text: string): string {
  return text.replace(cjkRun, (run) => `⟨${pinyin(run, { toneType: 'symbol' })}⟩`)
}

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument
  private readonly options: PdfOptions
  private readonly hasCjkFont: boolean
  private usedPinyin = false
  private readonly margin = 56

  constructor(options: PdfOptions) {
    this.options = options
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: this.margin, right: this.margin },
      bufferPages: true,
      info: {
        Title: options.title,
        Author: options.author ?? options.institution,
        Creator: 'Liaison',
        CreationDate: options.generatedAt,
      },
      lang: options.language === 'de' ? 'de-DE' : 'en-GB',
      displayTitle: true,
    })
    this.doc.registerFont('regular', regularFont)
    this.doc.registerFont('bold', boldFont)
    this.hasCjkFont = Boolean(options.cjkFont && existsSync(options.cjkFont))
    if (this.hasCjkFont && options.cjkFont) this.doc.registerFont('cjk', options.cjkFont)
    this.doc.font('regular').fontSize(10).fillColor(colours.text)
    this.titleBlock()
  }

  /** The width available for text. */
  get width(): number {
    return this.doc.page.width - 2 * this.margin
  }

  private prepare(text: string): string {
    if (this.hasCjkFont || !cjkRun.test(text)) {
      cjkRun.lastIndex = 0
      return text
    }
    cjkRun.lastIndex = 0
    this.usedPinyin = true
    return cjkToPinyin(text)
  }

  private font(bold: boolean, text: string): void {
    cjkRun.lastIndex = 0
    const useCjk = this.hasCjkFont && cjkRun.test(text)
    cjkRun.lastIndex = 0
    this.doc.font(useCjk ? 'cjk' : bold ? 'bold' : 'regular')
  }

  private titleBlock(): void {
    const { doc, options } = this
    doc
      .fontSize(9)
      .fillColor(colours.muted)
      .text(options.institution.toUpperCase(), { characterSpacing: 0.6 })
    doc.moveDown(0.4)
    this.font(true, options.title)
    doc.fontSize(20).fillColor(colours.accent).text(this.prepare(options.title))
    if (options.subtitle) {
      this.font(false, options.subtitle)
      doc.fontSize(11).fillColor(colours.muted).text(this.prepare(options.subtitle))
    }
    doc.moveDown(0.3)
    this.rule()
    doc.moveDown(0.6)
    doc.font('regular').fontSize(10).fillColor(colours.text)
  }

  private rule(): void {
    const y = this.doc.y
    this.doc
      .moveTo(this.margin, y)
      .lineTo(this.margin + this.width, y)
      .lineWidth(0.7)
      .strokeColor(colours.rule)
      .stroke()
  }

  /** Starts a new page when less than `height` points are left. */
  private ensureSpace(height: number): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom
    if (this.doc.y + height > bottom) this.doc.addPage()
  }

  heading(text: string, level: 1 | 2 | 3 = 1): this {
    const size = level === 1 ? 14 : level === 2 ? 12 : 10.5
    this.ensureSpace(size * 4)
    this.doc.moveDown(level === 1 ? 0.8 : 0.5)
    this.font(true, text)
    this.doc
      .fontSize(size)
      .fillColor(level === 1 ? colours.accent : colours.text)
      .text(this.prepare(text), this.margin, this.doc.y, { width: this.width })
    this.doc.moveDown(0.3)
    this.doc.font('regular').fontSize(10).fillColor(colours.text)
    return this
  }

  paragraph(text: string, options: { muted?: boolean; bold?: boolean; size?: number } = {}): this {
    this.font(options.bold ?? false, text)
    this.doc
      .fontSize(options.size ?? 10)
      .fillColor(options.muted ? colours.muted : colours.text)
      .text(this.prepare(text), this.margin, this.doc.y, { width: this.width, lineGap: 2 })
    this.doc.moveDown(0.5)
    this.doc.font('regular').fontSize(10).fillColor(colours.text)
    return this
  }

  /** Label/value pairs in two columns, e.g. the head data of a case. */
  keyValues(rows: ReadonlyArray<readonly [string, string]>): this {
    const labelWidth = this.width * 0.3
    const valueWidth = this.width - labelWidth - 8
    for (const [label, rawValue] of rows) {
      const value = this.prepare(rawValue || '—')
      this.font(false, value)
      this.doc.fontSize(10)
      const height = Math.max(
        this.doc.heightOfString(value, { width: valueWidth }),
        this.doc.font('bold').heightOfString(label, { width: labelWidth }),
      )
      this.ensureSpace(height + 6)
      const y = this.doc.y
      this.doc
        .font('bold')
        .fontSize(9)
        .fillColor(colours.muted)
        .text(label, this.margin, y, { width: labelWidth })
      this.font(false, value)
      this.doc
        .fontSize(10)
        .fillColor(colours.text)
        .text(value, this.margin + labelWidth + 8, y, { width: valueWidth })
      this.doc.y = y + height + 5
    }
    this.doc.x = this.margin
    this.doc.moveDown(0.4)
    return this
  }

  /** A table; the header row is repeated on every page the table spans. */
  table(columns: readonly PdfColumn[], rows: ReadonlyArray<readonly string[]>): this {
    const padding = 4
    const widths = columns.map((column) => column.width * this.width)
    const drawRow = (cells: readonly string[], header: boolean): void => {
      const texts = cells.map((cell) => this.prepare(cell ?? ''))
      this.doc.font(header ? 'bold' : 'regular').fontSize(header ? 8.5 : 9)
      const height =
        Math.max(
          ...texts.map((text, index) =>
            this.doc.heightOfString(text || ' ', { width: (widths[index] ?? 0) - 2 * padding }),
          ),
        ) +
        2 * padding
      const bottom = this.doc.page.height - this.doc.page.margins.bottom
      if (!header && this.doc.y + height > bottom) {
        this.doc.addPage()
        drawRow(
          columns.map((column) => column.header),
          true,
        )
      }
      const y = this.doc.y
      if (header) this.doc.rect(this.margin, y, this.width, height).fill(colours.band)
      let x = this.margin
      texts.forEach((text, index) => {
        const column = columns[index]
        const width = widths[index] ?? 0
        this.font(header, text)
        this.doc
          .fontSize(header ? 8.5 : 9)
          .fillColor(header ? colours.muted : colours.text)
          .text(text, x + padding, y + padding, {
            width: width - 2 * padding,
            align: column?.align ?? 'left',
          })
        x += width
      })
      this.doc.y = y + height
      this.rule()
    }
    this.ensureSpace(60)
    drawRow(
      columns.map((column) => column.header),
      true,
    )
    for (const row of rows) drawRow(row, false)
    this.doc.x = this.margin
    this.doc.moveDown(0.6)
    this.doc.font('regular').fontSize(10).fillColor(colours.text)
    return this
  }

  bullets(items: readonly string[], ordered = false): this {
    items.forEach((item, index) => {
      const text = this.prepare(item)
      this.font(false, text)
      const marker = ordered ? `${index + 1}.` : '•'
      this.ensureSpace(14)
      const y = this.doc.y
      this.doc
        .fontSize(10)
        .fillColor(colours.text)
        .text(marker, this.margin + 4, y, { width: 16 })
      this.doc.text(text, this.margin + 22, y, { width: this.width - 22, lineGap: 2 })
      this.doc.moveDown(0.2)
    })
    this.doc.x = this.margin
    this.doc.moveDown(0.3)
    return this
  }

  /** Renders Markdown (headings, paragraphs with bold and italic, lists, quotes, code, rules). */
  markdown(source: string): this {
    const tokens = markdownParser.parse(source, {})
    const listStack: Array<{ ordered: boolean; counter: number }> = []
    let headingLevel: 1 | 2 | 3 | null = null
    let inQuote = false
    for (const token of tokens) {
      switch (token.type) {
        case 'heading_open':
          headingLevel = Math.min(3, Number(token.tag.slice(1))) as 1 | 2 | 3
          break
        case 'heading_close':
          headingLevel = null
          break
        case 'bullet_list_open':
          listStack.push({ ordered: false, counter: 0 })
          break
        case 'ordered_list_open':
          listStack.push({ ordered: true, counter: Number(token.attrGet('start') ?? 1) - 1 })
          break
        case 'bullet_list_close':
        case 'ordered_list_close':
          listStack.pop()
          if (listStack.length === 0) this.doc.moveDown(0.3)
          break
        case 'list_item_open': {
          const list = listStack.at(-1)
          if (list) list.counter += 1
          break
        }
        case 'blockquote_open':
          inQuote = true
          break
        case 'blockquote_close':
          inQuote = false
          break
        case 'hr':
          this.doc.moveDown(0.3)
          this.rule()
          this.doc.moveDown(0.6)
          break
        case 'fence':
        case 'code_block':
          this.paragraph(token.content.trimEnd(), { muted: true, size: 9 })
          break
        case 'inline': {
          const runs = inlineRuns(token.children ?? [])
          if (headingLevel) {
            this.heading(runs.map((run) => run.text).join(''), headingLevel)
            break
          }
          const list = listStack.at(-1)
          const indent = listStack.length * 16 + (inQuote ? 12 : 0)
          this.richText(runs, indent, list ? (list.ordered ? `${list.counter}.` : '•') : null, inQuote)
          break
        }
        default:
          break
      }
    }
    return this
  }

  private richText(runs: InlineRun[], indent: number, marker: string | null, muted: boolean): void {
    const x = this.margin + indent
    const width = this.width - indent
    this.ensureSpace(16)
    const y = this.doc.y
    if (marker) {
      this.doc
        .font('regular')
        .fontSize(10)
        .fillColor(colours.text)
        .text(marker, x - 14, y, { width: 14 })
      this.doc.y = y
    }
    if (runs.length === 0) return
    runs.forEach((run, index) => {
      const text = this.prepare(run.text)
      this.font(run.bold, text)
      const options: PDFKit.Mixins.TextOptions = {
        width,
        lineGap: 2,
        continued: index < runs.length - 1,
        oblique: run.italic ? 10 : false,
        underline: run.link,
      }
      this.doc.fontSize(10).fillColor(muted ? colours.muted : run.link ? colours.accent : colours.text)
      if (index === 0) this.doc.text(text, x, y, options)
      else this.doc.text(text, options)
    })
    this.doc.x = this.margin
    this.doc.moveDown(marker ? 0.2 : 0.5)
  }

  pageBreak(): this {
    this.doc.addPage()
    return this
  }

  /** Finishes the document (footers with page numbers) and returns its bytes. */
  async toBuffer(): Promise<Buffer> {
    const { doc, options } = this
    const texts = footerTexts[options.language]
    const date = options.generatedAt.toLocaleDateString(options.language === 'de' ? 'de-DE' : 'en-GB', {
      timeZone: 'Europe/Berlin',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
    const range = doc.bufferedPageRange()
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index)
      const bottom = doc.page.height - 48
      const left = `${options.title} · ${texts.generated.replace('{date}', date)}${this.usedPinyin ? ` · ${texts.pinyin}` : ''}`
      const right = texts.page.replace('{n}', String(index + 1)).replace('{total}', String(range.count))
      // Writing into the bottom margin must not start a new page.
      doc.page.margins.bottom = 0
      doc
        .font('regular')
        .fontSize(7.5)
        .fillColor(colours.muted)
        .text(this.prepare(left), this.margin, bottom, { width: this.width * 0.78, lineBreak: true })
      doc.text(right, this.margin + this.width * 0.8, bottom, { width: this.width * 0.2, align: 'right' })
    }
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve())
      doc.on('error', reject)
    })
    doc.end()
    await ended
    return Buffer.concat(chunks)
  }
}

interface InlineRun {
  text: string
  bold: boolean
  italic: boolean
  link: boolean
}

// Raw HTML is never interpreted: it is printed as the text it is.
const markdownParser = new MarkdownIt({ html: false, linkify: false, typographer: false })

type Token = ReturnType<typeof markdownParser.parse>[number]

function inlineRuns(children: readonly Token[]): InlineRun[] {
  const runs: InlineRun[] = []
  let bold = 0
  let italic = 0
  let link = 0
  let href: string | null = null
  for (const child of children) {
    switch (child.type) {
      case 'strong_open':
        bold += 1
        break
      case 'strong_close':
        bold -= 1
        break
      case 'em_open':
        italic += 1
        break
      case 'em_close':
        italic -= 1
        break
      case 'link_open':
        link += 1
        href = String(child.attrGet('href') ?? '') || null
        break
      case 'link_close':
        link -= 1
        if (href) runs.push({ text: ` (${href})`, bold: false, italic: false, link: false })
        href = null
        break
      case 'softbreak':
      case 'hardbreak':
        runs.push({ text: '\n', bold: false, italic: false, link: false })
        break
      case 'text':
      case 'code_inline':
      case 'html_inline':
        if (child.content)
          runs.push({ text: child.content, bold: bold > 0, italic: italic > 0, link: link > 0 })
        break
      default:
        break
    }
  }
  return runs
}
