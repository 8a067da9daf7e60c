/**
 * The small condition language of institutional no-go rules.
 *
 *   condition  := or
 *   or         := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" or ")" | comparison
 *   comparison := fact [operator value]        (a fact alone means "is true")
 *   operator   := "=" | "!=" | ">=" | "<=" | ">" | "<"
 *
 * A list fact (`area`, `partner_kind`, …) with `=` means "contains", with `!=` "does not contain".
 */

/** The facts a rule can speak about; none of them describes a person's nationality or origin. */
export interface RuleFacts {
  military_end_use: boolean
  security_end_user: boolean
  end_use_unclear: boolean
  binding_sanctions_hit: boolean
  possible_sanctions_match: boolean
  trl: number | null
  partner_kind: readonly string[]
  area: readonly string[]
  category: readonly string[]
  entry: readonly string[]
  activity: readonly string[]
  data_kind: readonly string[]
}

type FactName = keyof RuleFacts
const factKinds: Record<FactName, 'boolean' | 'number' | 'list'> = {
  military_end_use: 'boolean',
  security_end_user: 'boolean',
  end_use_unclear: 'boolean',
  binding_sanctions_hit: 'boolean',
  possible_sanctions_match: 'boolean',
  trl: 'number',
  partner_kind: 'list',
  area: 'list',
  category: 'list',
  entry: 'list',
  activity: 'list',
  data_kind: 'list',
}

/** The facts the language knows, for help texts and error messages. */
export const ruleFactNames = Object.keys(factKinds)

type Operator = '=' | '!=' | '>=' | '<=' | '>' | '<'

/** A parsed condition. */
export type Condition =
  | { kind: 'and' | 'or'; parts: Condition[] }
  | { kind: 'not'; part: Condition }
  | { kind: 'fact'; fact: FactName }
  | { kind: 'compare'; fact: FactName; operator: Operator; value: string | number }

/** A condition that could not be parsed, with the position of the problem. */
export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
    this.name = 'RuleSyntaxError'
  }
}

interface Word {
  text: string
  position: number
}

function lex(source: string): Word[] {
  const words: Word[] = []
  const pattern = /\s*(>=|<=|!=|=|>|<|\(|\)|[A-Za-z0-9_.-]+|"[^"]*"|\S)/gy
  let match = pattern.exec(source)
  while (match !== null) {
    const text = match[1] ?? ''
    if (text === '') break
    words.push({ text, position: match.index + match[0].indexOf(text) })
    match = pattern.exec(source)
  }
  return words
}

function isFact(name: string): name is FactName {
  return Object.hasOwn(factKinds, name)
}

/**
 * Parses a condition.
 * @throws RuleSyntaxError naming what was expected and where
 */
export function parseCondition(source: string): Condition {
  const words = lex(source)
  let index = 0
  const peek = () => words[index]
  const fail = (message: string): never => {
    throw new RuleSyntaxError(message, peek()?.position ?? source.length)
  }

  const parseOr = (): Condition => {
    const parts = [parseAnd()]
    while (peek()?.text.toLowerCase() === 'or') {
      index++
      parts.push(parseAnd())
    }
    return parts.length === 1 && parts[0] ? parts[0] : { kind: 'or', parts }
  }
  const parseAnd = (): Condition => {
    const parts = [parseUnary()]
    while (peek()?.text.toLowerCase() === 'and') {
      index++
      parts.push(parseUnary())
    }
    return parts.length === 1 && parts[0] ? parts[0] : { kind: 'and', parts }
  }
  const parseUnary = (): Condition => {
    const word = peek()
    if (!word) return fail('A condition is expected here.')
    if (word.text.toLowerCase() === 'not') {
      index++
      return { kind: 'not', part: parseUnary() }
    }
    if (word.text === '(') {
      index++
      const inner = parseOr()
      if (peek()?.text !== ')') fail('A closing ")" is missing.')
      index++
      return inner
    }
    return parseComparison()
  }
  const parseComparison = (): Condition => {
    const word = peek()
    const name = word?.text ?? ''
    if (!isFact(name)) return fail(`Unknown fact "${name}". Known facts: ${ruleFactNames.join(', ')}.`)
    index++
    const operator = peek()?.text
    if (operator === undefined || !['=', '!=', '>=', '<=', '>', '<'].includes(operator)) {
      if (factKinds[name] !== 'boolean') fail(`"${name}" needs a comparison, e.g. ${name} = …`)
      return { kind: 'fact', fact: name }
    }
    index++
    const raw = peek()?.text
    if (raw === undefined || ['(', ')', 'and', 'or', 'not'].includes(raw.toLowerCase()))
      return fail('A value is expected here.')
    index++
    const text = raw.startsWith('"') ? raw.slice(1, -1) : raw
    const kind = factKinds[name]
    // The operator was checked against this list just above.
    const op = operator as Operator
    if (kind === 'number') {
      const value = Number(text)
      if (!Number.isFinite(value)) fail(`"${name}" is compared with a number.`)
      return { kind: 'compare', fact: name, operator: op, value }
    }
    if (op !== '=' && op !== '!=') fail(`"${name}" can only be compared with = or !=.`)
    if (kind === 'boolean' && text !== 'true' && text !== 'false') fail(`"${name}" is true or false.`)
    return { kind: 'compare', fact: name, operator: op, value: text }
  }

  const condition = parseOr()
  if (index < words.length) fail(`Unexpected "${peek()?.text}".`)
  return condition
}

function compareNumbers(left: number, operator: Operator, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right
    case '!=':
      return left !== right
    case '>=':
      return left >= right
    case '<=':
      return left <= right
    case '>':
      return left > right
    case '<':
      return left < right
  }
}

/** Whether a parsed condition holds for the facts. An unknown TRL makes every TRL comparison false. */
export function evaluateCondition(condition: Condition, facts: RuleFacts): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.parts.every((part) => evaluateCondition(part, facts))
    case 'or':
      return condition.parts.some((part) => evaluateCondition(part, facts))
    case 'not':
      return !evaluateCondition(condition.part, facts)
    case 'fact':
      return facts[condition.fact] === true
    case 'compare': {
      const value = facts[condition.fact]
      if (typeof value === 'number') return compareNumbers(value, condition.operator, Number(condition.value))
      if (value === null) return false
      if (typeof value === 'boolean') {
        const equal = String(value) === String(condition.value)
        return condition.operator === '=' ? equal : !equal
      }
      const contains = value.includes(String(condition.value))
      return condition.operator === '=' ? contains : !contains
    }
  }
}
