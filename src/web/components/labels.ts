import type { RoleGrant } from '../../modules/access/access.schema.js'
import type { Locale, Office } from '../../modules/organisation/organisation.schema.js'
import type { TextKey } from '../i18n/de.js'
import { pick, type TextValues } from '../i18n/i18n.js'

type Translate = (key: TextKey, values?: TextValues) => string

/** A role in words, naming the office for office reviewers (e.g. "Reviewer for Export control"). */
export function roleLabel(
  t: Translate,
  locale: Locale,
  grant: RoleGrant,
  offices: readonly Office[] = [],
): string {
  if (grant.role === 'office_reviewer' && grant.officeId) {
    const office = offices.find((candidate) => candidate.id === grant.officeId)
    if (office) return t('role.officeReviewerFor', { office: pick(locale, office.nameDe, office.nameEn) })
  }
  return t(`role.${grant.role}`)
}

/** All roles of a user in words, joined for a sentence. */
export function roleList(
  t: Translate,
  locale: Locale,
  grants: readonly RoleGrant[],
  offices: readonly Office[] = [],
) {
  if (grants.length === 0) return t('role.none')
  const labels = grants.map((grant) => roleLabel(t, locale, grant, offices))
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(labels)
}
