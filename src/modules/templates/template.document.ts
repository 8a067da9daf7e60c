import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  TextRun,
} from 'docx'
import MarkdownIt from 'markdown-it'
import { PdfWriter } from '../../platform/pdf/pdf.js'
import type { TemplateLanguage } from './template.context.js'

/**
 * Turns a filled template (Markdown) into the documents legal offices work with: a Word file with
 * a title, numbered clauses (§ 1, 1.1 …), parties and signature blocks kept together, page numbers
 * in the footer and document properties; and a PDF through the shared writer. Both read the
 * Markdown with raw HTML switched off, and Word text is written through the docx library, which
 * escapes it, so nothing from a case can become Word markup.
 */

/** What a generated document says about itself. */
export interface DraftMetadata {
  title: string
  language: TemplateLanguage
  institution: string
  reference: string
  projectTitle: string
  templateVersion: number
  author: string
  generatedAt: Date
}

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false })
type Token = ReturnType<typeof parser.parse>[number]

const markerPattern = /(\[(?:noch zu ergänzen|to be completed): [^\]]*\])/

const words = {
  de: {
    draft: 'ENTWURF',
    page: 'Seite',
    of: 'von',
    subject: 'Vertragsentwurf zu',
    template: 'Vorlagenversion',
    notice:
      'Erstellt mit Liaison. Keine Rechtsberatung: vor der Unterzeichnung von der Rechtsabteilung zu prüfen.',
  },
  en: {
    draft: 'DRAFT',
    page: 'Page',
    of: 'of',
    subject: 'Contract draft for',
    template: 'template version',
    notice: 'Generated with Liaison. Not legal advice: to be reviewed by the legal office before signature.',
  },
} as const

interface Run {
  text: string
  bold: boolean
  italic: boolean
  lineBreak: boolean
}

function inlineRuns(children: readonly Token[]): Run[] {
  const runs: Run[] = []
  let bold = 0
  let italic = 0
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
      case 'softbreak':
      case 'hardbreak':
        runs.push({ text: '', bold: false, italic: false, lineBreak: true })
        break
      case 'text':
      case 'code_inline':
        if (child.content)
          runs.push({ text: child.content, bold: bold > 0, italic: italic > 0, lineBreak: false })
        break
      default:
        break
    }
  }
  return runs
}

/** Word runs for inline Markdown; values still to be completed are highlighted. */
function textRuns(runs: readonly Run[]): TextRun[] {
  const out: TextRun[] = []
  let pendingBreak = false
  for (const run of runs) {
    if (run.lineBreak) {
      pendingBreak = true
      continue
    }
    for (const part of run.text.split(markerPattern)) {
      if (part === '') continue
      const isMarker = markerPattern.test(part)
      out.push(
        new TextRun({
          text: part,
          bold: run.bold,
          italics: run.italic,
          highlight: isMarker ? 'yellow' : undefined,
          break: pendingBreak ? 1 : undefined,
        }),
      )
      pendingBreak = false
    }
  }
  return out
}

/** Splits the leading `# Title` off the Markdown. */
export function splitTitle(markdown: string): { title: string | null; body: string } {
  const match = /^\s*# (.+)\n/.exec(markdown)
  if (!match) return { title: null, body: markdown }
  return { title: (match[1] ?? '').trim(), body: markdown.slice(match[0].length) }
}

function docxParagraphs(markdown: string): Paragraph[] {
  const tokens = parser.parse(markdown, {})
  const paragraphs: Paragraph[] = []
  const lists: Array<{ ordered: boolean }> = []
  let heading: number | null = null
  let quote = false
  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        heading = Number(token.tag.slice(1))
        break
      case 'heading_close':
        heading = null
        break
      case 'bullet_list_open':
        lists.push({ ordered: false })
        break
      case 'ordered_list_open':
        lists.push({ ordered: true })
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop()
        break
      case 'blockquote_open':
        quote = true
        break
      case 'blockquote_close':
        quote = false
        break
      case 'hr':
        paragraphs.push(
          new Paragraph({
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'CBD2D9', space: 4 } },
          }),
        )
        break
      case 'inline': {
        const runs = textRuns(inlineRuns(token.children ?? []))
        if (heading === 1) {
          paragraphs.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs }))
        } else if (heading === 2) {
          paragraphs.push(
            new Paragraph({
              heading: HeadingLevel.HEADING_1,
              numbering: { reference: 'clauses', level: 0 },
              keepNext: true,
              children: runs,
            }),
          )
        } else if (heading !== null) {
          paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: runs }))
        } else if (quote) {
          // A parties or signature block: one shaded, bordered block that is not split across pages.
          paragraphs.push(
            new Paragraph({
              children: runs,
              keepLines: true,
              border: { left: { style: BorderStyle.SINGLE, size: 12, color: '1D4F91', space: 8 } },
              shading: { type: ShadingType.CLEAR, fill: 'F0F4F8', color: 'auto' },
              indent: { left: 240 },
              spacing: { before: 120, after: 200, line: 300 },
            }),
          )
        } else if (lists.length > 0) {
          const list = lists.at(-1)
          const depth = lists.length - 1
          // Numbered sub-clauses continue the clause numbering (1.1, 1.2); bullets are indented below them.
          paragraphs.push(
            new Paragraph({
              children: runs,
              numbering: list?.ordered
                ? { reference: 'clauses', level: Math.min(depth + 1, 2) }
                : { reference: 'bullets', level: Math.min(depth, 2) },
              spacing: { after: 80 },
            }),
          )
        } else {
          paragraphs.push(new Paragraph({ children: runs, spacing: { after: 160 } }))
        }
        break
      }
      default:
        break
    }
  }
  return paragraphs
}

/** The Word (.docx) file of a filled template. */
export async function renderDocx(markdown: string, meta: DraftMetadata): Promise<Buffer> {
  const text = words[meta.language]
  const document = new Document({
    creator: meta.author,
    lastModifiedBy: meta.author,
    title: meta.title,
    subject: `${text.subject} ${meta.projectTitle} (${meta.reference})`,
    description: `${meta.institution} · ${meta.reference} · ${text.template} ${meta.templateVersion}. ${text.notice}`,
    keywords: `Liaison, ${meta.reference}, ${text.template} ${meta.templateVersion}`,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { line: 276 } } },
        title: { run: { font: 'Calibri', size: 40, bold: true, color: '1D4F91' } },
        heading1: {
          run: { font: 'Calibri', size: 26, bold: true, color: '1D4F91' },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
        heading2: {
          run: { font: 'Calibri', size: 23, bold: true },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'clauses',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '§ %1',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 567 } } },
            },
            {
              level: 1,
              format: LevelFormat.DECIMAL,
              text: '%1.%2',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 567 } } },
            },
            {
              level: 2,
              format: LevelFormat.LOWER_LETTER,
              text: '(%3)',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 1134, hanging: 567 } } },
            },
          ],
        },
        {
          reference: 'bullets',
          levels: [0, 1, 2].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: level === 0 ? '•' : '–',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1417, bottom: 1134, left: 1417, right: 1417 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    text: `${meta.institution} · ${meta.reference} · `,
                    size: 16,
                    color: '52606D',
                  }),
                  new TextRun({ text: text.draft, size: 16, bold: true, color: 'B42318' }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 16,
                    color: '52606D',
                    children: [`${text.page} `, PageNumber.CURRENT, ` ${text.of} `, PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    text: `${meta.title} · ${text.template} ${meta.templateVersion} · ${text.notice}`,
                    size: 14,
                    color: '52606D',
                  }),
                ],
              }),
            ],
          }),
        },
        children: docxParagraphs(markdown),
      },
    ],
  })
  return Packer.toBuffer(document)
}

/** The PDF of a filled template, set with the shared PDF writer. */
export async function renderPdf(
  markdown: string,
  meta: DraftMetadata,
  cjkFont: string | null,
): Promise<Buffer> {
  const { title, body } = splitTitle(markdown)
  const text = words[meta.language]
  const writer = new PdfWriter({
    title: title ?? meta.title,
    subtitle: `${text.draft} · ${meta.projectTitle} (${meta.reference}) · ${text.template} ${meta.templateVersion}`,
    language: meta.language,
    institution: meta.institution,
    generatedAt: meta.generatedAt,
    cjkFont,
    author: meta.author,
  })
  writer.markdown(body)
  writer.paragraph(text.notice, { muted: true, size: 8 })
  return writer.toBuffer()
}
