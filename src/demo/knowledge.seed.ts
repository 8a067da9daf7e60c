import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { actorOf } from '../modules/auth/index.js'
import { importKnowledgeFiles, readKnowledgeFolder } from '../modules/knowledge/index.js'
import { findUser, findUserRowByUsername } from '../modules/organisation/index.js'
import type { Ctx } from '../platform/context.js'

/** The China-competence repository the product ships: `data/knowledge/<language>/<slug>.md`. */
export const knowledgeFolder = fileURLToPath(new URL('../../data/knowledge', import.meta.url))

/**
 * Loads the shipped knowledge documents as the research-security office, which looks after the
 * knowledge base; a file with a problem is logged and skipped.
 */
export async function seedDemoKnowledge(ctx: Ctx, folder: string = knowledgeFolder): Promise<void> {
  if (!existsSync(folder)) return
  const row = await findUserRowByUsername(ctx.db, 'research-security')
  const editor = row && (await findUser(ctx.db, row.id))
  if (!editor) throw new Error('the demo research-security user is missing')
  const report = await importKnowledgeFiles(
    {
      ...ctx,
      actor: { ...actorOf(editor, 'session'), roles: [...editor.roles, { role: 'admin', officeId: null }] },
    },
    readKnowledgeFolder(folder),
  )
  for (const problem of report.problems)
    ctx.log.warn({ file: problem.path }, `knowledge file skipped: ${problem.message}`)
}
