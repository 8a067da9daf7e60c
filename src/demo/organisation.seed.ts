import type { RoleGrant } from '../modules/access/index.js'
import { recordAudit } from '../modules/audit/index.js'
import {
  type ContactTopic,
  createUserUnchecked,
  insertContact,
  insertOffice,
  insertUnit,
  listOfficesUnchecked,
  type OfficeKey,
  OfficeKeySchema,
} from '../modules/organisation/index.js'
import type { Ctx } from '../platform/context.js'
import { newId } from '../shared/ids.js'

/** The password of every demo account. */
export const demoPassword = 'demo'

const units = [
  { code: 'DIR', nameDe: 'Vorstand', nameEn: 'Executive Board', parent: null },
  { code: 'GEO', nameDe: 'Department Geowissenschaften', nameEn: 'Department of Geosciences', parent: null },
  {
    code: 'GEO.1',
    nameDe: 'Fernerkundung und Geodäsie',
    nameEn: 'Remote Sensing and Geodesy',
    parent: 'GEO',
  },
  {
    code: 'GEO.2',
    nameDe: 'Klimadynamik und Landschaftsentwicklung',
    nameEn: 'Climate Dynamics and Landscape Evolution',
    parent: 'GEO',
  },
  {
    code: 'MAT',
    nameDe: 'Department Material- und Energieforschung',
    nameEn: 'Department of Materials and Energy Research',
    parent: null,
  },
  {
    code: 'MAT.1',
    nameDe: 'Batterien und Wasserstofftechnologien',
    nameEn: 'Batteries and Hydrogen Technologies',
    parent: 'MAT',
  },
  {
    code: 'DIG',
    nameDe: 'Department Digitale Systeme und KI',
    nameEn: 'Department of Digital Systems and AI',
    parent: null,
  },
  {
    code: 'LIFE',
    nameDe: 'Department Lebenswissenschaften',
    nameEn: 'Department of Life Sciences',
    parent: null,
  },
  { code: 'ADM', nameDe: 'Administration', nameEn: 'Administration', parent: null },
] as const

const offices: {
  key: OfficeKey
  nameDe: string
  nameEn: string
  descriptionDe: string
  descriptionEn: string
  email: string
  phone: string
  reviewDays: number
}[] = [
  {
    key: 'export_control',
    nameDe: 'Exportkontrolle',
    nameEn: 'Export Control',
    descriptionDe: 'Prüft Dual-Use-Bezüge, Güterlisten, Embargos und Genehmigungspflichten (BAFA).',
    descriptionEn: 'Checks dual-use relevance, control lists, embargoes and licence requirements (BAFA).',
    email: 'exportkontrolle@fz-havelland.example',
    phone: '+49 331 288-1100',
    reviewDays: 5,
  },
  {
    key: 'legal',
    nameDe: 'Rechtsabteilung',
    nameEn: 'Legal Affairs',
    descriptionDe: 'Kooperationsverträge, MoUs, Haftung, anwendbares Recht.',
    descriptionEn: 'Cooperation agreements, MoUs, liability, governing law.',
    email: 'recht@fz-havelland.example',
    phone: '+49 331 288-1200',
    reviewDays: 10,
  },
  {
    key: 'hr',
    nameDe: 'Personal',
    nameEn: 'Human Resources',
    descriptionDe: 'Gastaufenthalte, Personalaustausch, Visa und Aufenthaltsrecht.',
    descriptionEn: 'Guest stays, staff exchange, visas and residence law.',
    email: 'personal@fz-havelland.example',
    phone: '+49 331 288-1300',
    reviewDays: 5,
  },
  {
    key: 'technology_transfer',
    nameDe: 'Technologietransfer',
    nameEn: 'Technology Transfer',
    descriptionDe: 'Schutzrechte, Lizenzen, Verwertung und Erfindungsmeldungen.',
    descriptionEn: 'Intellectual property, licences, exploitation and invention disclosures.',
    email: 'transfer@fz-havelland.example',
    phone: '+49 331 288-1400',
    reviewDays: 5,
  },
  {
    key: 'funding_office',
    nameDe: 'Drittmittel und Förderung',
    nameEn: 'Funding and Grants Office',
    descriptionDe: 'Förderrichtlinien, Sicherheitsauflagen der Fördergeber, Budget.',
    descriptionEn: 'Funding rules, funders’ security requirements, budget.',
    email: 'drittmittel@fz-havelland.example',
    phone: '+49 331 288-1500',
    reviewDays: 5,
  },
  {
    key: 'international_office',
    nameDe: 'International Office',
    nameEn: 'International Office',
    descriptionDe: 'Partnerschaften, Länderexpertise, China-Kompetenz, Delegationen.',
    descriptionEn: 'Partnerships, country expertise, China competence, delegations.',
    email: 'international@fz-havelland.example',
    phone: '+49 331 288-1600',
    reviewDays: 5,
  },
  {
    key: 'ethics',
    nameDe: 'Ethikkommission',
    nameEn: 'Ethics Committee',
    descriptionDe: 'Forschung mit Menschen, humangenetischen Ressourcen und sicherheitsrelevante Forschung.',
    descriptionEn: 'Research involving humans, human genetic resources and security-relevant research.',
    email: 'ethik@fz-havelland.example',
    phone: '+49 331 288-1700',
    reviewDays: 15,
  },
  {
    key: 'data_protection',
    nameDe: 'Datenschutz',
    nameEn: 'Data Protection',
    descriptionDe: 'Personenbezogene Daten, Drittlandübermittlung, Verträge zur Datenverarbeitung.',
    descriptionEn: 'Personal data, transfers to third countries, data processing agreements.',
    email: 'datenschutz@fz-havelland.example',
    phone: '+49 331 288-1800',
    reviewDays: 5,
  },
  {
    key: 'research_security',
    nameDe: 'Forschungssicherheit',
    nameEn: 'Research Security',
    descriptionDe: 'Koordiniert den Prüfprozess, berät Forschende und pflegt Checklisten und Schulungen.',
    descriptionEn:
      'Coordinates the review process, advises researchers and keeps checklists and trainings current.',
    email: 'forschungssicherheit@fz-havelland.example',
    phone: '+49 331 288-1900',
    reviewDays: 3,
  },
]

interface DemoUser {
  username: string
  displayName: string
  unit: string
  roles: (RoleGrant['role'] | OfficeKey)[]
  contact?: { functionDe: string; functionEn: string; topics: ContactTopic[]; languages: string[] }
}

/** Whether a demo role entry names an office (meaning "office reviewer of that office"). */
function isOfficeKey(value: string): value is OfficeKey {
  return OfficeKeySchema.safeParse(value).success
}

/** One account per role, named after it; office keys stand for "office reviewer of that office". */
export const demoUsers: DemoUser[] = [
  { username: 'researcher', displayName: 'Dr. Lena Hoffmann', unit: 'GEO.1', roles: ['researcher'] },
  {
    username: 'admin',
    displayName: 'Katrin Vogel',
    unit: 'ADM',
    roles: ['admin', 'research_security'],
    contact: {
      functionDe: 'Beauftragte für Forschungssicherheit',
      functionEn: 'Research Security Liaison',
      topics: ['research_security', 'partnerships'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'export-control',
    displayName: 'Dr. Markus Brandt',
    unit: 'ADM',
    roles: ['export_control'],
    contact: {
      functionDe: 'Exportkontrollbeauftragter',
      functionEn: 'Export Control Officer',
      topics: ['export_control', 'sanctions'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'legal',
    displayName: 'Sabine Krüger',
    unit: 'ADM',
    roles: ['legal'],
    contact: {
      functionDe: 'Justiziarin, Kooperationsverträge',
      functionEn: 'Legal Counsel, cooperation agreements',
      topics: ['contracts'],
      languages: ['de', 'en', 'fr'],
    },
  },
  {
    username: 'hr',
    displayName: 'Thomas Schulz',
    unit: 'ADM',
    roles: ['hr'],
    contact: {
      functionDe: 'Gastwissenschaftler-Service',
      functionEn: 'Visiting Researcher Service',
      topics: ['mobility_visas', 'hosting_guests'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'technology-transfer',
    displayName: 'Dr. Jonas Weber',
    unit: 'ADM',
    roles: ['technology_transfer'],
    contact: {
      functionDe: 'Patente und Lizenzen',
      functionEn: 'Patents and Licensing',
      topics: ['ip_licensing'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'funding-office',
    displayName: 'Anna Becker',
    unit: 'ADM',
    roles: ['funding_office'],
    contact: {
      functionDe: 'EU- und BMBF-Förderung',
      functionEn: 'EU and federal funding',
      topics: ['funding'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'international-office',
    displayName: 'Dr. Yun Chen',
    unit: 'ADM',
    roles: ['international_office'],
    contact: {
      functionDe: 'Leitung International Office, China-Kompetenz',
      functionEn: 'Head of International Office, China competence',
      topics: ['partnerships', 'china_competence', 'mobility_visas'],
      languages: ['de', 'en', 'zh'],
    },
  },
  {
    username: 'ethics',
    displayName: 'Prof. Dr. Ulrike Hartmann',
    unit: 'LIFE',
    roles: ['ethics'],
    contact: {
      functionDe: 'Vorsitzende der Ethikkommission',
      functionEn: 'Chair of the Ethics Committee',
      topics: ['ethics'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'data-protection',
    displayName: 'Michael Neumann',
    unit: 'ADM',
    roles: ['data_protection'],
    contact: {
      functionDe: 'Datenschutzbeauftragter',
      functionEn: 'Data Protection Officer',
      topics: ['data_protection'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'research-security',
    displayName: 'Dr. Felix Richter',
    unit: 'ADM',
    roles: ['research_security'],
    contact: {
      functionDe: 'Referent Forschungssicherheit',
      functionEn: 'Research Security Adviser',
      topics: ['research_security', 'export_control', 'china_competence'],
      languages: ['de', 'en'],
    },
  },
  {
    username: 'decision-maker',
    displayName: 'Prof. Dr. Andreas Lorenz',
    unit: 'DIR',
    roles: ['decision_maker'],
  },
  {
    username: 'expert',
    displayName: 'Prof. Dr. Claudia Meyer',
    unit: 'MAT',
    roles: ['expert', 'researcher'],
  },
  { username: 'auditor', displayName: 'Birgit Schneider', unit: 'ADM', roles: ['auditor'] },
  // Further principal investigators of the demo collaborations.
  { username: 'j.fischer', displayName: 'Dr. Jan Fischer', unit: 'MAT', roles: ['researcher'] },
  { username: 'a.nowak', displayName: 'Dr. Anna Nowak', unit: 'DIG', roles: ['researcher'] },
  { username: 'm.yilmaz', displayName: 'Dr. Merve Yılmaz', unit: 'LIFE', roles: ['researcher'] },
  { username: 's.keller', displayName: 'Dr. Sophie Keller', unit: 'GEO.2', roles: ['researcher'] },
]

/**
 * Creates the demo institution "Forschungszentrum Havelland": units, offices, one account per
 * role (password "demo") and the contact persons of "Whom do I ask?". Run only on an empty database.
 */
export async function seedDemoOrganisation(ctx: Ctx): Promise<void> {
  const now = ctx.now().toISOString()
  const unitIds = new Map<string, string>()
  await ctx.db.transaction().execute(async (trx) => {
    for (const unit of units) {
      const id = newId()
      unitIds.set(unit.code, id)
      const row = {
        id,
        code: unit.code,
        nameDe: unit.nameDe,
        nameEn: unit.nameEn,
        parentId: unit.parent ? (unitIds.get(unit.parent) ?? null) : null,
        createdAt: now,
        updatedAt: now,
      }
      await insertUnit(trx, row)
      await recordAudit(trx, ctx, { action: 'unit.created', entityType: 'unit', entityId: id, after: row })
    }
    for (const office of offices) {
      const row = { id: newId(), ...office, leadUserId: null, createdAt: now, updatedAt: now }
      await insertOffice(trx, row)
      await recordAudit(trx, ctx, {
        action: 'office.created',
        entityType: 'office',
        entityId: row.id,
        after: row,
      })
    }
  })

  const officeIdByKey = new Map((await listOfficesUnchecked(ctx.db)).map((office) => [office.key, office.id]))
  let sortOrder = 0
  for (const demo of demoUsers) {
    const roles: RoleGrant[] = demo.roles.map((role) =>
      isOfficeKey(role)
        ? { role: 'office_reviewer', officeId: officeIdByKey.get(role) ?? null }
        : { role, officeId: null },
    )
    const user = await createUserUnchecked(
      ctx,
      {
        username: demo.username,
        displayName: demo.displayName,
        email: `${demo.username}@fz-havelland.example`,
        unitId: unitIds.get(demo.unit) ?? null,
        roles,
      },
      { demoPassword },
    )
    const officeRole = demo.roles.find(isOfficeKey)
    const officeId = officeRole ? officeIdByKey.get(officeRole) : undefined
    if (demo.contact && officeId) {
      await ctx.db.transaction().execute(async (trx) => {
        const row = {
          id: newId(),
          officeId,
          userId: user.id,
          name: demo.displayName,
          functionDe: demo.contact?.functionDe ?? '',
          functionEn: demo.contact?.functionEn ?? '',
          email: user.email,
          phone: offices.find((office) => office.key === officeRole)?.phone ?? '',
          topics: JSON.stringify(demo.contact?.topics ?? []),
          languages: JSON.stringify(demo.contact?.languages ?? []),
          sortOrder: sortOrder++,
          createdAt: now,
          updatedAt: now,
        }
        await insertContact(trx, row)
        await recordAudit(trx, ctx, {
          action: 'contact.created',
          entityType: 'contact',
          entityId: row.id,
          after: row,
        })
      })
    }
  }
}
