import { AppError } from '../../platform/errors.js'
import { parseCsv, parseCsvRecords } from '../../shared/csv.js'
import type { EntityType, ListFormat, ParsedEntry } from './screening.schema.js'
import { childrenNamed, childText, parseXml, type XmlElement } from './screening.xml.js'

/** What an importer read from a file: the entries and anything the operator should know. */
export interface ParsedList {
  entries: ParsedEntry[]
  warnings: string[]
}

/** The files of one import: the main file and, for the OFAC set, its companions. */
export interface ImportFiles {
  content: string
  /** OFAC alt.csv. */
  alt?: string
  /** OFAC add.csv. */
  add?: string
}

const countryNames: Record<string, string> = {
  china: 'CN',
  "people's republic of china": 'CN',
  'peoples republic of china': 'CN',
  prc: 'CN',
  'hong kong': 'HK',
  'hong kong, china': 'HK',
  macau: 'MO',
  macao: 'MO',
  taiwan: 'TW',
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  'iran (islamic republic of)': 'IR',
  'korea, north': 'KP',
  "democratic people's republic of korea": 'KP',
  'north korea': 'KP',
  'korea, south': 'KR',
  'republic of korea': 'KR',
  germany: 'DE',
  'united states': 'US',
  'united states of america': 'US',
  'united kingdom': 'GB',
  japan: 'JP',
  belarus: 'BY',
  syria: 'SY',
  'syrian arab republic': 'SY',
  iraq: 'IQ',
  afghanistan: 'AF',
  pakistan: 'PK',
  india: 'IN',
  turkey: 'TR',
  turkiye: 'TR',
  'united arab emirates': 'AE',
  cuba: 'CU',
  venezuela: 'VE',
  ukraine: 'UA',
  france: 'FR',
  italy: 'IT',
  netherlands: 'NL',
  belgium: 'BE',
  'czech republic': 'CZ',
  lithuania: 'LT',
  singapore: 'SG',
  malaysia: 'MY',
  kazakhstan: 'KZ',
  uzbekistan: 'UZ',
  kyrgyzstan: 'KG',
  armenia: 'AM',
  serbia: 'RS',
  lebanon: 'LB',
  yemen: 'YE',
  libya: 'LY',
  sudan: 'SD',
  somalia: 'SO',
  myanmar: 'MM',
  burma: 'MM',
  canada: 'CA',
  mexico: 'MX',
  colombia: 'CO',
  'south africa': 'ZA',
  israel: 'IL',
  switzerland: 'CH',
  thailand: 'TH',
  vietnam: 'VN',
  'viet nam': 'VN',
}

/** An ISO code for a country as written (a code already, or a known name); null when unknown. */
export function countryCode(text: string): string | null {
  const trimmed = text.trim()
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase()
  return countryNames[trimmed.toLowerCase()] ?? null
}

const unique = (values: readonly string[]) => [
  ...new Set(values.map((value) => value.trim()).filter(Boolean)),
]
const splitList = (text: string, separator = ';') => unique(text.split(separator))

function reject(message: string): never {
  throw new AppError('validation', `The file was rejected, nothing was imported: ${message}`)
}

function requireColumns(
  records: Record<string, string>[],
  header: readonly string[],
  columns: readonly string[],
) {
  const missing = columns.filter((column) => !header.includes(column))
  if (missing.length > 0) reject(`the columns ${missing.join(', ')} are missing (is this the right format?)`)
  if (records.length === 0) reject('it holds no entries')
}

function csvWithHeader(text: string, columns: readonly string[]) {
  const rows = parseCsv(text)
  const header = (rows[0] ?? []).map((cell) => cell.trim())
  const records = parseCsvRecords(text)
  requireColumns(records, header, columns)
  return { rows, header, records }
}

function entry(
  entityKey: string,
  entityType: EntityType,
  name: string,
  more: Partial<Omit<ParsedEntry, 'entityKey' | 'entityType' | 'name'>> = {},
): ParsedEntry {
  const cleanName = name.trim()
  return {
    entityKey,
    entityType,
    name: cleanName,
    aliases: unique(more.aliases ?? []).filter((alias) => alias !== cleanName),
    formerNames: unique(more.formerNames ?? []),
    countries: unique(more.countries ?? []),
    details: Object.fromEntries(Object.entries(more.details ?? {}).filter(([, value]) => value !== '')),
  }
}

/** Merges entries with the same key (one body listed on several rows) into one. */
function mergeByKey(entries: ParsedEntry[]): ParsedEntry[] {
  const merged = new Map<string, ParsedEntry>()
  for (const item of entries) {
    const existing = merged.get(item.entityKey)
    if (!existing) {
      merged.set(item.entityKey, item)
      continue
    }
    merged.set(
      item.entityKey,
      entry(existing.entityKey, existing.entityType, existing.name, {
        aliases: [...existing.aliases, ...item.aliases, ...(item.name === existing.name ? [] : [item.name])],
        formerNames: [...existing.formerNames, ...item.formerNames],
        countries: [...existing.countries, ...item.countries],
        details: { ...item.details, ...existing.details },
      }),
    )
  }
  return [...merged.values()]
}

/** US Consolidated Screening List (ITA CSV). A cut-off last row is skipped with a warning. */
function parseCsl(files: ImportFiles): ParsedList {
  const columns = ['_id', 'source', 'type', 'name', 'alt_names', 'addresses']
  const rows = parseCsv(files.content)
  const header = (rows[0] ?? []).map((cell) => cell.trim())
  const warnings: string[] = []
  const body = rows.slice(1).filter((row) => row.some((cell) => cell.trim() !== '') && row[1] !== 'source')
  const last = body[body.length - 1]
  if (last && last.length < header.length && !/\r?\n$/.test(files.content)) {
    warnings.push(`The last row (_id ${last[0]}) is cut off; it was skipped.`)
    body.pop()
  }
  const broken = body.findIndex((row) => row.length !== header.length)
  if (broken >= 0) reject(`row ${broken + 2} has ${body[broken]?.length} columns instead of ${header.length}`)
  const records = body.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])))
  requireColumns(records, header, columns)
  const entries = records.map((record) => {
    const type = (record.type ?? '').toLowerCase()
    const countries = splitList(record.addresses ?? '').flatMap((address) => {
      const code = /,\s*([A-Z]{2})$/.exec(address)?.[1]
      return code ? [code] : []
    })
    return entry(
      `${record._id}`,
      type === 'individual' ? 'person' : type === 'entity' || type === '' ? 'organisation' : 'other',
      record.name ?? '',
      {
        aliases: splitList(record.alt_names ?? ''),
        countries: type === 'individual' ? [] : countries,
        details: {
          source: record.source ?? '',
          programs: record.programs ?? '',
          startDate: record.start_date ?? '',
          licenseRequirement: record.license_requirement ?? '',
          licensePolicy: record.license_policy ?? '',
          federalRegisterNotice: record.federal_register_notice ?? '',
        },
      },
    )
  })
  return { entries, warnings }
}

const ofacValue = (value: string | undefined) => {
  const trimmed = (value ?? '').trim()
  return trimmed === '-0-' ? '' : trimmed
}

/** Drops a trailing DOS end-of-file mark (character 0x1A) and the whitespace around it. */
function stripEndOfFileMark(text: string): string {
  const trimmed = text.trimEnd()
  return trimmed.endsWith(String.fromCharCode(0x1a)) ? trimmed.slice(0, -1) : text
}

/** OFAC SDN legacy CSVs: sdn.csv with alt.csv (aliases) and add.csv (addresses). */
function parseOfacSdn(files: ImportFiles): ParsedList {
  // The legacy files end with a DOS end-of-file mark (0x1A).
  const rows = parseCsv(stripEndOfFileMark(files.content)).filter((row) =>
    row.some((cell) => cell.trim() !== ''),
  )
  if (rows.length === 0) reject('sdn.csv holds no entries')
  const broken = rows.findIndex((row) => row.length !== 12 || !/^\d+$/.test(row[0]?.trim() ?? ''))
  if (broken >= 0) reject(`sdn.csv row ${broken + 1} is not an SDN record (12 columns, numeric ent_num)`)
  const aliases = new Map<string, { aliases: string[]; former: string[] }>()
  for (const row of parseCsv(files.alt ?? '').filter((cells) => cells.length >= 4)) {
    const key = row[0]?.trim() ?? ''
    const item = aliases.get(key) ?? { aliases: [], former: [] }
    const type = ofacValue(row[2]).toLowerCase()
    ;(type === 'fka' ? item.former : item.aliases).push(ofacValue(row[3]))
    aliases.set(key, item)
  }
  const countries = new Map<string, string[]>()
  for (const row of parseCsv(files.add ?? '').filter((cells) => cells.length >= 5)) {
    const code = countryCode(ofacValue(row[4]))
    if (code) countries.set(row[0]?.trim() ?? '', [...(countries.get(row[0]?.trim() ?? '') ?? []), code])
  }
  const warnings = [
    ...(files.alt === undefined ? ['alt.csv was not given: no aliases.'] : []),
    ...(files.add === undefined ? ['add.csv was not given: no addresses.'] : []),
  ]
  const entries = rows.map((row) => {
    const key = row[0]?.trim() ?? ''
    const type = ofacValue(row[2]).toLowerCase()
    const isPerson = type === 'individual'
    return entry(key, isPerson ? 'person' : type === '' ? 'organisation' : 'other', ofacValue(row[1]), {
      aliases: aliases.get(key)?.aliases ?? [],
      formerNames: aliases.get(key)?.former ?? [],
      countries: isPerson ? [] : (countries.get(key) ?? []),
      details: { program: ofacValue(row[3]), remarks: ofacValue(row[11]) },
    })
  })
  return { entries, warnings }
}

/** UN Security Council consolidated list (XML). */
function parseUnXml(files: ImportFiles): ParsedList {
  let document: XmlElement
  try {
    document = parseXml(files.content)
  } catch (error) {
    reject(error instanceof Error ? error.message : String(error))
  }
  const list = childrenNamed(document, 'CONSOLIDATED_LIST')[0]
  if (!list) reject('there is no <CONSOLIDATED_LIST>')
  const aliasesOf = (element: XmlElement, tag: string) =>
    childrenNamed(element, tag).map((alias) => childText(alias, 'ALIAS_NAME'))
  const people = childrenNamed(list, 'INDIVIDUALS').flatMap((group) => childrenNamed(group, 'INDIVIDUAL'))
  const bodies = childrenNamed(list, 'ENTITIES').flatMap((group) => childrenNamed(group, 'ENTITY'))
  const entries = [
    ...people.map((person) => {
      const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
        .map((tag) => childText(person, tag))
        .filter(Boolean)
        .join(' ')
      return entry(childText(person, 'REFERENCE_NUMBER') || childText(person, 'DATAID'), 'person', name, {
        aliases: [...aliasesOf(person, 'INDIVIDUAL_ALIAS'), childText(person, 'NAME_ORIGINAL_SCRIPT')],
        details: { listType: childText(person, 'UN_LIST_TYPE'), listedOn: childText(person, 'LISTED_ON') },
      })
    }),
    ...bodies.map((body) =>
      entry(
        childText(body, 'REFERENCE_NUMBER') || childText(body, 'DATAID'),
        'organisation',
        childText(body, 'FIRST_NAME'),
        {
          aliases: [...aliasesOf(body, 'ENTITY_ALIAS'), childText(body, 'NAME_ORIGINAL_SCRIPT')],
          countries: childrenNamed(body, 'ENTITY_ADDRESS').flatMap((address) => {
            const code = countryCode(childText(address, 'COUNTRY'))
            return code ? [code] : []
          }),
          details: { listType: childText(body, 'UN_LIST_TYPE'), listedOn: childText(body, 'LISTED_ON') },
        },
      ),
    ),
  ]
  const nameless = entries.findIndex((item) => item.name === '')
  if (nameless >= 0) reject(`record ${entries[nameless]?.entityKey} has no name`)
  if (entries.length === 0) reject('it holds no individuals or entities')
  return { entries, warnings: [] }
}

const ftmParties: Record<string, EntityType> = {
  Person: 'person',
  Organization: 'organisation',
  Company: 'organisation',
  LegalEntity: 'organisation',
  PublicBody: 'organisation',
}

/** OpenSanctions FollowTheMoney JSON lines (entities or delta records); addresses and other things are skipped. */
function parseFtm(files: ImportFiles): ParsedList {
  const entries: ParsedEntry[] = []
  let skipped = 0
  const lines = files.content.split(/\r?\n/)
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch {
      reject(`line ${index + 1} is not JSON`)
    }
    const entity = isRecord(record) && isRecord(record.entity) ? record.entity : record
    if (
      !isRecord(entity) ||
      typeof entity.id !== 'string' ||
      typeof entity.schema !== 'string' ||
      !isRecord(entity.properties)
    ) {
      reject(`line ${index + 1} is not a FollowTheMoney entity`)
    }
    if (isRecord(record) && record.op === 'DEL') return
    const type = ftmParties[entity.schema]
    if (!type) {
      skipped++
      return
    }
    const values = (key: string): string[] => {
      const value = isRecord(entity.properties) ? entity.properties[key] : undefined
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
    }
    const [name, ...otherNames] = values('name')
    const caption = typeof entity.caption === 'string' ? entity.caption : ''
    if (!name && !caption) reject(`line ${index + 1} has no name`)
    const primary = caption || name || ''
    entries.push(
      entry(entity.id, type, primary, {
        aliases: [...(name ? [name] : []), ...otherNames, ...values('alias'), ...values('weakAlias')],
        formerNames: values('previousName'),
        // A person's nationality is never used; an organisation's country is.
        countries:
          type === 'person'
            ? []
            : [...values('country'), ...values('jurisdiction')].map((code) => code.toUpperCase()),
        details: { topics: values('topics').join(', '), notes: values('notes').join(' ') },
      }),
    )
  })
  if (entries.length === 0) reject('it holds no persons or organisations')
  return {
    entries,
    warnings: skipped > 0 ? [`${skipped} records that are not parties (addresses, …) were skipped.`] : [],
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Splits an EU annex cell: `;`-separated, values with `;` quoted. */
function splitEuCell(cell: string): string[] {
  if (cell.trim() === '') return []
  return unique(parseCsv(cell, ';')[0] ?? [])
}

/** EU sanctions annex CSV transcriptions (consolidated files; see FORMAT.md). */
function parseEuAnnex(files: ImportFiles): ParsedList {
  const { records } = csvWithHeader(files.content, [
    'celex',
    'recordId',
    'annex',
    'schema',
    'name',
    'alias',
    'previousName',
  ])
  const parties = records.filter((record) => record.schema !== 'Vessel' && record.schema !== 'Asset')
  const entries = parties.map((record) => {
    const isPerson = record.schema === 'Person'
    const key = `${record.celex}:${record.annex}:${record.recordId || record.name}`
    return entry(key, isPerson ? 'person' : 'organisation', record.name ?? '', {
      aliases: [...splitEuCell(record.alias ?? ''), ...splitEuCell(record.weakAlias ?? '')],
      formerNames: splitEuCell(record.previousName ?? ''),
      countries: isPerson
        ? []
        : [...splitEuCell(record.jurisdiction ?? ''), ...splitEuCell(record.country ?? '')].flatMap(
            (text) => {
              const code = countryCode(text)
              return code ? [code] : []
            },
          ),
      details: {
        regulation: record.celex ?? '',
        annex: record.annex ?? '',
        measure: record.measure ?? '',
        startDate: record.startDate ?? '',
      },
    })
  })
  const skipped = records.length - parties.length
  return {
    entries: mergeByKey(entries),
    warnings: skipped > 0 ? [`${skipped} vessels and assets were skipped.`] : [],
  }
}

/** US DoD Section 1260H list (OpenSanctions CSV): entries with an end date are no longer listed. */
function parseUs1260h(files: ImportFiles): ParsedList {
  const { records } = csvWithHeader(files.content, [
    'Name',
    'Clean Name',
    'Alias',
    'Previous Name',
    'End date',
  ])
  const active = records.filter((record) => (record['End date'] ?? '') === '')
  const entries = active.map((record) => {
    const name = record['Clean Name'] || (record.Name ?? '').replace(/\*$/, '')
    return entry(name.toLowerCase(), 'organisation', name, {
      aliases: splitList(record.Alias ?? ''),
      formerNames: splitList(record['Previous Name'] ?? ''),
      countries: ['CN'],
      details: {
        parent: record['Parent Name'] ?? '',
        startDate: record['Start date'] ?? '',
        note: record.Note ?? '',
      },
    })
  })
  return {
    entries: mergeByKey(entries),
    warnings: [`${records.length - active.length} rows with an end date were left out.`],
  }
}

/** US DoD Section 1286 list (OpenSanctions CSV): the newest report year is the current list. */
function parseUs1286(files: ImportFiles): ParsedList {
  const { records } = csvWithHeader(files.content, ['name', 'aliases', 'report-date', 'country'])
  const newest =
    records
      .map((record) => record['report-date'] ?? '')
      .sort()
      .at(-1) ?? ''
  const current = records.filter((record) => record['report-date'] === newest)
  const entries = current.map((record) =>
    entry(
      (record.name ?? '').toLowerCase(),
      record.schema === 'Person' ? 'person' : 'organisation',
      record.name ?? '',
      {
        aliases: splitList(record.aliases ?? ''),
        countries: [countryCode(record.country ?? '') ?? ''].filter(Boolean),
        details: { reportYear: newest, program: record.program ?? '' },
      },
    ),
  )
  return {
    entries: mergeByKey(entries),
    warnings: [`The ${newest} edition is the current list (earlier editions are history).`],
  }
}

/** Canada's Named Research Organizations (CSV derived from the official page). */
function parseCaNro(files: ImportFiles): ParsedList {
  const { records } = csvWithHeader(files.content, ['name', 'country', 'aliases'])
  return {
    entries: records.map((record) =>
      entry((record.name ?? '').toLowerCase(), 'organisation', record.name ?? '', {
        aliases: splitList(record.aliases ?? ''),
        countries: [countryCode(record.country ?? '') ?? ''].filter(Boolean),
      }),
    ),
    warnings: [],
  }
}

/** The China Defence Universities Tracker as a MISP galaxy cluster (JSON). */
function parseMispGalaxy(files: ImportFiles): ParsedList {
  let document: unknown
  try {
    document = JSON.parse(files.content)
  } catch {
    reject('it is not JSON')
  }
  if (!isRecord(document) || !Array.isArray(document.values))
    reject('it is not a MISP galaxy cluster (no "values")')
  const entries = document.values.map((value, index) => {
    if (!isRecord(value) || typeof value.value !== 'string' || typeof value.uuid !== 'string') {
      reject(`value ${index + 1} has no name or uuid`)
    }
    const meta = isRecord(value.meta) ? value.meta : {}
    const strings = (key: string) =>
      Array.isArray(meta[key]) ? meta[key].filter((item): item is string => typeof item === 'string') : []
    return entry(value.uuid, 'organisation', value.value, {
      aliases: strings('aliases'),
      countries: ['CN'],
      details: {
        categories: strings('categories').join(', '),
        supervisingAgencies: strings('supervising agencies').join(', '),
      },
    })
  })
  if (entries.length === 0) reject('it holds no institutions')
  return { entries, warnings: [] }
}

/** China's countersanction and export-control designations (OpenSanctions CSV). */
function parseCnCountersanctions(files: ImportFiles): ParsedList {
  const { records } = csvWithHeader(files.content, [
    'Type',
    'Name',
    'Alias',
    'Chinese name',
    'Country',
    'List',
    'End date',
  ])
  const active = records.filter((record) => (record['End date'] ?? '') === '')
  const entries = active.map((record) => {
    const isPerson = record.Type === 'Person'
    return entry(
      `${record.Type}:${(record.Name ?? '').toLowerCase()}`,
      isPerson ? 'person' : 'organisation',
      record.Name ?? '',
      {
        aliases: [...splitList(record.Alias ?? ''), ...splitList(record['Chinese name'] ?? '')],
        countries: isPerson
          ? []
          : [countryCode(record.Country ?? '') ?? ''].filter((code) => code && code !== 'EU'),
        details: { list: record.List ?? '', body: record.Body ?? '', date: record.Date ?? '' },
      },
    )
  })
  return { entries: mergeByKey(entries), warnings: [] }
}

const parsers: Record<ListFormat, (files: ImportFiles) => ParsedList> = {
  csl: parseCsl,
  'ofac-sdn': parseOfacSdn,
  'un-xml': parseUnXml,
  ftm: parseFtm,
  'eu-annex-csv': parseEuAnnex,
  'us-1260h': parseUs1260h,
  'us-1286': parseUs1286,
  'ca-nro': parseCaNro,
  'misp-galaxy': parseMispGalaxy,
  'cn-countersanctions': parseCnCountersanctions,
}

/**
 * Reads a list file of the given format. A broken file is rejected whole.
 * @throws AppError('validation') naming the problem when the file does not have the format's structure
 */
export function parseListFile(format: ListFormat, files: ImportFiles): ParsedList {
  const parsed = parsers[format](files)
  const nameless = parsed.entries.filter((item) => item.name === '')
  if (nameless.length > 0) reject(`${nameless.length} entries have no name`)
  return parsed
}

/** The list an import of this format goes to by default, with its kind and expected update interval. */
export const defaultListOf: Record<
  ListFormat,
  { key: string; name: string; kind: import('./screening.schema.js').ListKind; expectedUpdateDays: number }
> = {
  csl: {
    key: 'us-csl',
    name: 'US Consolidated Screening List',
    kind: 'export_control',
    expectedUpdateDays: 14,
  },
  'ofac-sdn': { key: 'ofac-sdn', name: 'OFAC SDN List', kind: 'binding_sanctions', expectedUpdateDays: 14 },
  'un-xml': {
    key: 'un-sc',
    name: 'UN Security Council Consolidated List',
    kind: 'binding_sanctions',
    expectedUpdateDays: 14,
  },
  ftm: {
    key: 'opensanctions',
    name: 'OpenSanctions (FollowTheMoney)',
    kind: 'binding_sanctions',
    expectedUpdateDays: 7,
  },
  'eu-annex-csv': {
    key: 'eu-sanctions',
    name: 'EU sanctions annexes',
    kind: 'binding_sanctions',
    expectedUpdateDays: 14,
  },
  'us-1260h': {
    key: 'us-1260h',
    name: 'US DoD Section 1260H list',
    kind: 'export_control',
    expectedUpdateDays: 180,
  },
  'us-1286': {
    key: 'us-1286',
    name: 'US DoD Section 1286 list',
    kind: 'research_security',
    expectedUpdateDays: 400,
  },
  'ca-nro': {
    key: 'ca-nro',
    name: 'Canada Named Research Organizations',
    kind: 'research_security',
    expectedUpdateDays: 365,
  },
  'misp-galaxy': {
    key: 'aspi-unitracker',
    name: 'ASPI China Defence Universities Tracker',
    kind: 'third_party_assessment',
    expectedUpdateDays: 730,
  },
  'cn-countersanctions': {
    key: 'cn-countersanctions',
    name: "China's countersanctions",
    kind: 'countersanctions',
    expectedUpdateDays: 90,
  },
}
