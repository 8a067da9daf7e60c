import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { z } from 'zod'
import { AppError } from '../../platform/errors.js'
import { renderMarkdown } from '../../shared/markdown.js'
import {
  type AttemptResult,
  type TrainingModuleContent,
  TrainingModuleContentSchema,
  type TrainingModuleView,
} from './training.schema.js'

/** The modules shipped with Liaison: the seed of a new installation. */
export const shippedModulesFolder = fileURLToPath(new URL('../../../data/training/modules/', import.meta.url))

/** One content file as read from disk (or uploaded). */
export interface ModuleFile {
  fileName: string
  text: string
}

function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))
}

/**
 * Reads and validates one module file.
 * @throws AppError('validation') naming the file and each field that is wrong
 */
export function parseModuleFile(file: ModuleFile): TrainingModuleContent {
  const name = basename(file.fileName)
  let json: unknown
  try {
    json = JSON.parse(file.text)
  } catch (error) {
    throw new AppError('validation', `${name}: not valid JSON (${(error as Error).message}).`, {
      fields: [{ field: name, message: 'Not valid JSON' }],
    })
  }
  const parsed = TrainingModuleContentSchema.safeParse(json)
  if (!parsed.success) {
    const problems = describeIssues(parsed.error)
    throw new AppError(
      'validation',
      `${name}: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`,
      {
        fields: problems.map((problem) => ({ field: `${name}:${problem.field}`, message: problem.message })),
      },
    )
  }
  const expected = `${parsed.data.key}.json`
  if (name.endsWith('.json') && name !== expected) {
    throw new AppError(
      'validation',
      `${name}: the key "${parsed.data.key}" must match the file name (${expected}).`,
      {
        fields: [{ field: `${name}:key`, message: `Must match the file name (${expected})` }],
      },
    )
  }
  return parsed.data
}

/** Every `*.json` file of a folder, sorted by name; none when the folder does not exist. */
export function readModuleFolder(folder: string): ModuleFile[] {
  let names: string[]
  try {
    if (!statSync(folder).isDirectory()) return []
    names = readdirSync(folder)
  } catch {
    return []
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ fileName: join(folder, name), text: readFileSync(join(folder, name), 'utf8') }))
}

/** The module as the learner gets it: rendered lessons, and questions without their answers. */
export function viewOf(content: TrainingModuleContent): Pick<TrainingModuleView, 'lessons' | 'quiz'> {
  return {
    lessons: content.lessons.map((lesson) => ({
      title: lesson.title,
      html: { de: renderMarkdown(lesson.body.de), en: renderMarkdown(lesson.body.en) },
    })),
    quiz: content.quiz.map((question) => ({
      id: question.id,
      question: question.question,
      options: question.options,
      multiple: question.correct.length > 1,
    })),
  }
}

/**
 * Scores answers: a question counts when exactly the set of correct options is chosen (nothing
 * missing, nothing extra). Unknown question ids and out-of-range options are ignored.
 */
export function scoreQuiz(
  content: TrainingModuleContent,
  answers: Record<string, readonly number[]>,
): {
  correctCount: number
  questionCount: number
  score: number
  passed: boolean
  questions: AttemptResult['questions']
} {
  const questions = content.quiz.map((question) => {
    const chosen = [...new Set(answers[question.id] ?? [])]
      .filter((index) => index >= 0 && index < question.options.length)
      .sort((a, b) => a - b)
    const correct = [...question.correct].sort((a, b) => a - b)
    const isCorrect =
      chosen.length === correct.length && chosen.every((index, position) => index === correct[position])
    return { id: question.id, chosen, correct, isCorrect, explanation: question.explanation }
  })
  const correctCount = questions.filter((question) => question.isCorrect).length
  const questionCount = questions.length
  const score = questionCount === 0 ? 0 : correctCount / questionCount
  // A tiny tolerance so that 4 of 5 reaches a pass mark of 0.8 despite floating point.
  return { correctCount, questionCount, score, passed: score + 1e-9 >= content.passMark, questions }
}

/** The instant `months` calendar months after `from` (the 31st becomes the last day of a shorter month). */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime())
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}

/** Canonical JSON (sorted keys) for hashing content. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}
