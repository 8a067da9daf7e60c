import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import type { Ctx } from '../../platform/context.js'
import { AppError, isAppError } from '../../platform/errors.js'
import * as repo from './knowledge.repo.js'
import { type SaveDocumentInput, SaveDocumentSchema } from './knowledge.schema.js'
import { saveDocument } from './knowledge.service.js'

/** A Markdown file with front matter, as read from disk. */
export interface KnowledgeFile {
  path: string
  content: string
}

/** What an import did, file by file. */
export interface ImportReport {
  created: string[]
  updated: string[]
  unchanged: string[]
  problems: { path: string; message: string }[]
}

/** Splits `---` front matter (one `key: value` per line) from the Markdown body. */
export function parseFrontMatter(content: string): { fields: Record<string, string>; body: string } {
  const text = content.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n')
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text)
  if (!match) throw new AppError('validation', 'The file has no front matter (--- … ---) at the top.')
  const fields: Record<string, string> = {}
  for (const line of (match[1] ?? '').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const colon = line.indexOf(':')
    if (colon < 1) throw new AppError('validation', `Front matter line is not "key: value": ${line}`)
    fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return { fields, body: (match[2] ?? '').trim() }
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** The save input a front-matter file describes; language and slug default to its place in the folder. */
export function documentFromFile(file: KnowledgeFile): SaveDocumentInput {
  const { fields, body } = parseFrontMatter(file.content)
  const folderLanguage = basename(join(file.path, '..'))
  const input = {
    slug: fields.slug || basename(file.path, '.md'),
    language: fields.language || folderLanguage,
    kind: fields.kind,
    title: fields.title,
    summary: fields.summary ?? '',
    body,
    ownerOffice: fields.owner || null,
    audience: fields.audience || 'everyone',
    tags: list(fields.tags),
    researchAreas: list(fields.researchAreas),
    reviewIntervalMonths: fields.reviewIntervalMonths ? Number(fields.reviewIntervalMonths) : 12,
    lastReviewed: fields.lastReviewed || undefined,
    jurisdiction: fields.jurisdiction || null,
    effectiveDate: fields.effectiveDate || null,
    topics: list(fields.topics),
  }
  // Parsed here so that a bad file is reported with its own name and field.
  const parsed = SaveDocumentSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('validation', `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`)
  }
  return input as SaveDocumentInput
}

/** Every `<language>/<slug>.md` below the folder (and `.md` files directly in it). */
export function readKnowledgeFolder(folder: string): KnowledgeFile[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new AppError('not_found', `There is no folder "${folder}".`)
  const files: KnowledgeFile[] = []
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) {
        if (depth < 2) walk(path, depth + 1)
      } else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') {
        files.push({ path, content: readFileSync(path, 'utf8') })
      }
    }
  }
  walk(folder, 0)
  return files.map((file) => ({ ...file, path: relative(folder, file.path) || file.path }))
}

/**
 * Imports Markdown files with front matter: new documents are created, changed ones get a new
 * version, identical ones are left alone. A broken file is reported and the others still load.
 */
export async function importKnowledgeFiles(ctx: Ctx, files: readonly KnowledgeFile[]): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: [], problems: [] }
  for (const file of files) {
    try {
      const input = documentFromFile(file)
      const parsed = SaveDocumentSchema.parse(input)
      const existing = (await repo.listDocumentsBySlug(ctx.db, parsed.slug)).find(
        (row) => row.language === parsed.language,
      )
      const key = `${parsed.language}/${parsed.slug}`
      if (!existing) {
        await saveDocument(ctx, { ...input, changeNote: `Imported from ${file.path}` })
        report.created.push(key)
        continue
      }
      const same =
        existing.title === parsed.title &&
        existing.summary === parsed.summary &&
        existing.body === parsed.body &&
        existing.kind === parsed.kind &&
        existing.audience === parsed.audience &&
        existing.ownerOffice === parsed.ownerOffice &&
        existing.tags === JSON.stringify([...new Set(parsed.tags.map((tag) => tag.toLowerCase()))]) &&
        existing.researchAreas === JSON.stringify(parsed.researchAreas) &&
        existing.reviewIntervalMonths === parsed.reviewIntervalMonths &&
        (existing.effectiveDate ?? null) === (parsed.kind === 'regulation' ? parsed.effectiveDate : null) &&
        existing.topics === JSON.stringify(parsed.kind === 'regulation' ? parsed.topics : [])
      if (same) {
        report.unchanged.push(key)
        continue
      }
      await saveDocument(ctx, {
        ...input,
        documentId: existing.id,
        baseVersion: existing.currentVersion,
        changeNote: `Imported from ${file.path}`,
      })
      report.updated.push(key)
    } catch (error) {
      if (!isAppError(error) && !(error instanceof Error)) throw error
      report.problems.push({ path: file.path, message: error.message })
    }
  }
  return report
}
