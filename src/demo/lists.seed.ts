import { readFileSync } from 'node:fs'
import { actorOf } from '../modules/auth/index.js'
import { findUser, findUserRowByUsername } from '../modules/organisation/index.js'
import { importList, type ListFormat } from '../modules/screening/index.js'
import type { Ctx } from '../platform/context.js'

const bundled: { format: ListFormat; folder: string; file: string; alt?: string; add?: string }[] = [
  { format: 'csl', folder: 'us-csl', file: 'csl_2023-11_excerpt.csv' },
  { format: 'ofac-sdn', folder: 'ofac-sdn', file: 'sdn.csv', alt: 'alt.csv', add: 'add.csv' },
  { format: 'un-xml', folder: 'un-sc', file: 'UN_consolidated.xml' },
  { format: 'ca-nro', folder: 'ca-nro', file: 'named_research_organizations.csv' },
]

/**
 * Imports the restricted-party lists Liaison ships (US, UN, Canada) as the demo administrator, so
 * the demo's partners are screened from the start.
 */
export async function seedDemoLists(ctx: Ctx): Promise<void> {
  const row = await findUserRowByUsername(ctx.db, 'admin')
  const admin = row && (await findUser(ctx.db, row.id))
  if (!admin) throw new Error('the demo administrator is missing')
  const asAdmin = { ...ctx, actor: actorOf(admin, 'session') }
  for (const list of bundled) {
    const read = (name: string) =>
      readFileSync(new URL(`../../data/lists/${list.folder}/${name}`, import.meta.url), 'utf8')
    await importList(asAdmin, {
      format: list.format,
      fileName: list.file,
      content: read(list.file),
      alt: list.alt ? read(list.alt) : undefined,
      add: list.add ? read(list.add) : undefined,
    })
  }
}
