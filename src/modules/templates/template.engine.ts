/**
 * A small, safe template language for contract templates (Markdown with placeholders). It is
 * deliberately not Handlebars: there are no helpers, no partials and no code, only
 *
 *   {{path.to.value}}                    a text value; empty values become a visible marker
 *   {{#if path}} … {{else}} … {{/if}}    a flag, a non-empty text or a non-empty list
 *   {{#unless path}} … {{/unless}}       the opposite
 *   {{#each list}} … {{/each}}           repeats for every item; inside, item fields by name,
 *                                        {{this}} for a list of texts, {{@number}} (1, 2, …),
 *                                        and {{#if @first}} / {{#if @last}}
 *   {{! a comment }}                     left out of the output
 *
 * Every path must be in the vocabulary (`template.vocabulary.ts`), so a typo is refused when the
 * template is saved rather than discovered in a signed contract. Values are inserted once and never
 * read again as template text, and are escaped for Markdown, so a partner called `{{x}}` or
 * `**Bold** <w:p>` appears exactly as written. A block tag alone on its line leaves no empty line.
 */

/** What a placeholder holds. */
export type VocabularyEntry =
  | { type: 'text'; label: { de: string; en: string }; description: { de: string; en: string } }
  | { type: 'flag'; label: { de: string; en: string }; description: { de: string; en: string } }
  | {
      type: 'list'
      label: { de: string; en: string }
      description: { de: string; en: string }
      /** The fields of each item; absent for a list of texts (`{{this}}`). */
      fields?: Record<string, VocabularyEntry>
    }

/** Every placeholder a template may use, by path. */
export type Vocabulary = Record<string, VocabularyEntry>

/** A value in the context a template is filled from. */
export type TemplateValue = string | boolean | null | TemplateValue[] | { [key: string]: TemplateValue }

/** The data a template is filled from. */
export type TemplateContext = { [key: string]: TemplateValue }

/** A problem found in a template, with the line it is on (1-based), in English and German. */
export interface TemplateProblem {
  line: number
  message: string
  messageDe: string
}

/** What a tag that cannot be read says about itself, in both languages. */
interface TagProblem {
  en: string
  de: string
}

/** Thrown when a template does not parse or names placeholders that do not exist. */
export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('; '))
    this.name = 'TemplateError'
  }
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; path: string; line: number }
  | { kind: 'if'; path: string; negate: boolean; whenTrue: Node[]; otherwise: Node[]; line: number }
  | { kind: 'each'; path: string; body: Node[]; line: number }

type Tag =
  | { kind: 'value'; path: string }
  | { kind: 'open'; block: 'if' | 'unless' | 'each'; path: string }
  | { kind: 'else' }
  | { kind: 'close'; block: 'if' | 'unless' | 'each' }
  | { kind: 'comment' }

const tagPattern = /\{\{([^{}]*)\}\}/g
const pathPattern = /^(?:@(?:number|first|last)|this|[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)*)$/

function readTag(inner: string): Tag | TagProblem {
  const text = inner.trim()
  if (text.startsWith('!')) return { kind: 'comment' }
  if (text === 'else') return { kind: 'else' }
  const open = /^#(if|unless|each)\s+(\S+)$/.exec(text)
  if (open) {
    const path = open[2] ?? ''
    if (!pathPattern.test(path))
      return { en: `"${path}" is not a placeholder name`, de: `„${path}“ ist kein Platzhaltername` }
    return { kind: 'open', block: open[1] as 'if' | 'unless' | 'each', path }
  }
  const close = /^\/(if|unless|each)$/.exec(text)
  if (close) return { kind: 'close', block: close[1] as 'if' | 'unless' | 'each' }
  if (!pathPattern.test(text))
    return {
      en: `"{{${inner}}}" is not a placeholder (names are letters and digits joined by dots)`,
      de: `„{{${inner}}}“ ist kein Platzhalter (Namen sind Buchstaben und Ziffern, durch Punkte verbunden)`,
    }
  return { kind: 'value', path: text }
}

function lineOf(source: string, index: number): number {
  let line = 1
  for (let position = 0; position < index; position += 1) if (source.charCodeAt(position) === 10) line += 1
  return line
}

/**
 * Parses a template into its tree.
 * @throws TemplateError listing every syntax problem with its line
 */
export function parseTemplate(source: string): Node[] {
  const problems: TemplateProblem[] = []
  const root: Node[] = []
  const stack: Array<{ node: Extract<Node, { kind: 'if' | 'each' }>; block: string; inElse: boolean }> = []
  const target = (): Node[] => {
    const top = stack.at(-1)
    if (!top) return root
    if (top.node.kind === 'each') return top.node.body
    return top.inElse ? top.node.otherwise : top.node.whenTrue
  }
  const pushText = (text: string, offset: number) => {
    if (text === '') return
    const stray = text.search(/\{\{|\}\}/)
    if (stray >= 0) {
      problems.push({
        line: lineOf(source, offset + stray),
        message: 'Unmatched "{{" or "}}"',
        messageDe: '„{{“ oder „}}“ ohne Gegenstück',
      })
      return
    }
    target().push({ kind: 'text', text })
  }

  let cursor = 0
  // Lines are counted as the tags are met, so long templates are read in one pass.
  let countedTo = 0
  let line = 1
  for (const match of source.matchAll(tagPattern)) {
    const start = match.index
    const end = start + match[0].length
    for (; countedTo < start; countedTo += 1) if (source.charCodeAt(countedTo) === 10) line += 1
    const tag = readTag(match[1] ?? '')
    // A block tag alone on its line takes the line with it, so blocks leave no blank lines.
    const lineStart = source.lastIndexOf('\n', start - 1) + 1
    const newline = source.indexOf('\n', end)
    const lineEnd = newline === -1 ? source.length : newline
    const standalone =
      'kind' in tag &&
      tag.kind !== 'value' &&
      lineStart >= cursor &&
      source.slice(lineStart, start).trim() === '' &&
      source.slice(end, lineEnd).trim() === ''
    pushText(source.slice(cursor, standalone ? lineStart : start), cursor)
    cursor = standalone ? Math.min(lineEnd + 1, source.length) : end
    if (!('kind' in tag)) {
      problems.push({ line, message: tag.en, messageDe: tag.de })
      continue
    }
    switch (tag.kind) {
      case 'comment':
        break
      case 'value':
        target().push({ kind: 'value', path: tag.path, line })
        break
      case 'open': {
        const node: Extract<Node, { kind: 'if' | 'each' }> =
          tag.block === 'each'
            ? { kind: 'each', path: tag.path, body: [], line }
            : {
                kind: 'if',
                path: tag.path,
                negate: tag.block === 'unless',
                whenTrue: [],
                otherwise: [],
                line,
              }
        target().push(node)
        stack.push({ node, block: tag.block, inElse: false })
        break
      }
      case 'else': {
        const top = stack.at(-1)
        if (top?.node.kind !== 'if' || top.inElse)
          problems.push({
            line,
            message: '"{{else}}" outside an if block',
            messageDe: '„{{else}}“ außerhalb eines if-Blocks',
          })
        else top.inElse = true
        break
      }
      case 'close': {
        const top = stack.pop()
        if (!top)
          problems.push({
            line,
            message: `"{{/${tag.block}}}" without an opening tag`,
            messageDe: `„{{/${tag.block}}}“ ohne öffnenden Platzhalter`,
          })
        else if (top.block !== tag.block) {
          problems.push({
            line,
            message: `"{{/${tag.block}}}" closes "{{#${top.block}}}" from line ${top.node.line}`,
            messageDe: `„{{/${tag.block}}}“ schließt „{{#${top.block}}}“ aus Zeile ${top.node.line}`,
          })
        }
        break
      }
    }
  }
  pushText(source.slice(cursor), cursor)
  for (const open of stack) {
    problems.push({
      line: open.node.line,
      message: `"{{#${open.block} ${open.node.path}}}" is never closed`,
      messageDe: `„{{#${open.block} ${open.node.path}}}“ wird nie geschlossen`,
    })
  }
  if (problems.length > 0) throw new TemplateError(problems)
  return root
}

const loopNames = new Set(['@number', '@first', '@last'])

/** What a path means in a scope: the entry, or a loop variable, or nothing. */
function lookup(
  vocabulary: Vocabulary,
  scopes: ReadonlyArray<VocabularyEntry & { type: 'list' }>,
  path: string,
): VocabularyEntry | 'loop' | 'item' | undefined {
  if (loopNames.has(path)) return scopes.length > 0 ? 'loop' : undefined
  if (path === 'this') return scopes.length > 0 && scopes.at(-1)?.fields === undefined ? 'item' : undefined
  for (let index = scopes.length - 1; index >= 0; index -= 1) {
    const field = scopes[index]?.fields?.[path]
    if (field) return field
  }
  return vocabulary[path]
}

/**
 * Checks a template against the vocabulary: it must parse, and every placeholder must exist and
 * be used as what it is (a list in `#each`, a text as a value).
 * @returns the problems; empty when the template is fine
 */
export function checkTemplate(source: string, vocabulary: Vocabulary): TemplateProblem[] {
  let nodes: Node[]
  try {
    nodes = parseTemplate(source)
  } catch (error) {
    if (error instanceof TemplateError) return error.problems
    throw error
  }
  const problems: TemplateProblem[] = []
  const walk = (list: Node[], scopes: Array<VocabularyEntry & { type: 'list' }>) => {
    for (const node of list) {
      if (node.kind === 'text') continue
      const entry = lookup(vocabulary, scopes, node.path)
      if (entry === undefined) {
        problems.push({
          line: node.line,
          message: `Unknown placeholder "${node.path}"`,
          messageDe: `Unbekannter Platzhalter „${node.path}“`,
        })
        continue
      }
      if (node.kind === 'value') {
        if (entry !== 'item' && entry !== 'loop' && entry.type !== 'text') {
          problems.push({
            line: node.line,
            message:
              entry.type === 'list'
                ? `"${node.path}" is a list: use {{#each ${node.path}}}`
                : `"${node.path}" is a yes/no flag: use {{#if ${node.path}}}`,
            messageDe:
              entry.type === 'list'
                ? `„${node.path}“ ist eine Liste: {{#each ${node.path}}} verwenden`
                : `„${node.path}“ ist ein Ja/Nein-Wert: {{#if ${node.path}}} verwenden`,
          })
        }
        if (entry === 'loop' && node.path !== '@number') {
          problems.push({
            line: node.line,
            message: `"${node.path}" is a yes/no flag: use {{#if ${node.path}}}`,
            messageDe: `„${node.path}“ ist ein Ja/Nein-Wert: {{#if ${node.path}}} verwenden`,
          })
        }
      } else if (node.kind === 'if') {
        walk(node.whenTrue, scopes)
        walk(node.otherwise, scopes)
      } else {
        if (entry === 'item' || entry === 'loop' || entry.type !== 'list') {
          problems.push({
            line: node.line,
            message: `"${node.path}" is not a list and cannot be repeated`,
            messageDe: `„${node.path}“ ist keine Liste und kann nicht wiederholt werden`,
          })
          continue
        }
        walk(node.body, [...scopes, entry])
      }
    }
  }
  walk(nodes, [])
  return problems
}

/** The paths a template uses (for listing what a template needs), in order of first use. */
export function placeholdersOf(source: string): string[] {
  const seen = new Set<string>()
  const walk = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === 'text') continue
      seen.add(node.path)
      if (node.kind === 'if') {
        walk(node.whenTrue)
        walk(node.otherwise)
      } else if (node.kind === 'each') walk(node.body)
    }
  }
  walk(parseTemplate(source))
  return [...seen]
}

/**
 * Escapes a value so that Markdown shows it as the text it is: no emphasis, links, headings,
 * lists, HTML or template braces can come from data.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-!|<>~&$]/g, '\\$&').replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

/** A value as one line of text: line breaks in a data-sheet answer become spaces. */
function oneLine(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
}

const markerWords = { de: 'noch zu ergänzen', en: 'to be completed' } as const

/** The visible marker for a value the case does not provide. */
export function missingMarker(label: string, language: 'de' | 'en'): string {
  return `[${markerWords[language]}: ${label}]`
}

/** Whether a rendered document still has values to be completed. */
export function hasMissingMarkers(text: string): boolean {
  return /\[(?:noch zu ergänzen|to be completed): /.test(text)
}

interface Frame {
  item: TemplateValue
  index: number
  count: number
  entry: VocabularyEntry & { type: 'list' }
}

function resolve(
  context: TemplateContext,
  frames: readonly Frame[],
  path: string,
): TemplateValue | undefined {
  const frame = frames.at(-1)
  if (path === '@number') return frame ? String(frame.index + 1) : undefined
  if (path === '@first') return frame ? frame.index === 0 : undefined
  if (path === '@last') return frame ? frame.index === frame.count - 1 : undefined
  if (path === 'this') return frame?.item
  for (let index = frames.length - 1; index >= 0; index -= 1) {
    const candidate = frames[index]
    if (candidate?.entry.fields?.[path] && candidate.item && typeof candidate.item === 'object') {
      return Array.isArray(candidate.item) ? undefined : candidate.item[path]
    }
  }
  let value: TemplateValue | undefined = context
  for (const part of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value))
      return undefined
    value = value[part]
  }
  return value
}

function isTruthy(value: TemplateValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'string') return value.trim() !== ''
  return value === true || (typeof value === 'object' && value !== null)
}

function labelOf(
  vocabulary: Vocabulary,
  frames: readonly Frame[],
  path: string,
  language: 'de' | 'en',
): string {
  for (let index = frames.length - 1; index >= 0; index -= 1) {
    const field = frames[index]?.entry.fields?.[path]
    if (field) return field.label[language]
  }
  return vocabulary[path]?.label[language] ?? path
}

/**
 * Fills a template from a context. The template is checked first; values are escaped for
 * Markdown; empty values are shown as "[to be completed: …]" in the template's language.
 * @throws TemplateError when the template does not parse or uses unknown placeholders
 */
export function renderTemplate(
  source: string,
  vocabulary: Vocabulary,
  context: TemplateContext,
  language: 'de' | 'en',
): string {
  const problems = checkTemplate(source, vocabulary)
  if (problems.length > 0) throw new TemplateError(problems)
  const nodes = parseTemplate(source)
  const out: string[] = []
  const walk = (list: Node[], frames: Frame[]) => {
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          out.push(node.text)
          break
        case 'value': {
          const value = resolve(context, frames, node.path)
          const text = typeof value === 'string' ? oneLine(value) : ''
          out.push(
            text === ''
              ? missingMarker(labelOf(vocabulary, frames, node.path, language), language)
              : escapeMarkdown(text),
          )
          break
        }
        case 'if': {
          const truthy = isTruthy(resolve(context, frames, node.path))
          walk(truthy !== node.negate ? node.whenTrue : node.otherwise, frames)
          break
        }
        case 'each': {
          const value = resolve(context, frames, node.path)
          const entry = lookup(
            vocabulary,
            frames.map((frame) => frame.entry),
            node.path,
          )
          if (!Array.isArray(value) || typeof entry !== 'object' || entry.type !== 'list') break
          value.forEach((item, index) => {
            walk(node.body, [...frames, { item, index, count: value.length, entry }])
          })
          break
        }
      }
    }
  }
  walk(nodes, [])
  return out.join('')
}
