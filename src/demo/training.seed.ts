import { actorOf } from '../modules/auth/index.js'
import { findUser, findUserRowByUsername } from '../modules/organisation/index.js'
import {
  importTrainingModules,
  listModules,
  type ObligationRule,
  readModuleFolder,
  saveObligations,
  shippedModulesFolder,
} from '../modules/training/index.js'
import type { Ctx } from '../platform/context.js'

/**
 * The demo institution's obligations: everyone named on a case with a partner in China takes
 * dual-use basics and China competence; export-control and data-protection reviewers take their
 * office's module; everyone submitting a case takes due diligence.
 */
export const demoObligations: readonly ObligationRule[] = [
  { moduleKey: 'due-diligence', audience: { kind: 'collaboration' } },
  { moduleKey: 'dual-use-basics', audience: { kind: 'partner_country', countries: ['CN'] } },
  { moduleKey: 'china-competence', audience: { kind: 'partner_country', countries: ['CN'] } },
  {
    moduleKey: 'export-control',
    audience: { kind: 'role', role: 'office_reviewer', officeKey: 'export_control' },
  },
  {
    moduleKey: 'data-security',
    audience: { kind: 'role', role: 'office_reviewer', officeKey: 'data_protection' },
  },
]

/**
 * Imports the training modules shipped in data/training/modules and sets the demo obligations for
 * those that exist, as the demo administrator.
 */
export async function seedDemoTraining(ctx: Ctx, folder: string = shippedModulesFolder): Promise<void> {
  const row = await findUserRowByUsername(ctx.db, 'admin')
  const admin = row && (await findUser(ctx.db, row.id))
  if (!admin) throw new Error('the demo administrator is missing')
  const asAdmin = { ...ctx, actor: actorOf(admin, 'session') }
  const files = readModuleFolder(folder)
  if (files.length === 0) return
  await importTrainingModules(asAdmin, files)
  const keys = new Set((await listModules(asAdmin)).map((module) => module.key))
  await saveObligations(asAdmin, { rules: demoObligations.filter((rule) => keys.has(rule.moduleKey)) })
}
