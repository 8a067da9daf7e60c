// The schemas directly, not the modules' index files: those load services and the database
// driver, and the command table is read by every `liaison help`.
import { RoleSchema } from '../../modules/access/access.schema.js'
import { OfficeKeySchema } from '../../modules/organisation/organisation.schema.js'
import { ListFormatSchema } from '../../modules/screening/screening.schema.js'
import type { CommandSpec } from '../command.js'

const passwordStdin = {
  type: 'boolean',
  description: 'Read the password from standard input (one line) instead of asking for it on the terminal.',
} as const

/**
 * Every command of `liaison`, in the order the help lists them. A new command is one entry here
 * and one handler module (`assess`, `reference import` come later).
 */
export const commands: readonly CommandSpec[] = [
  {
    name: 'migrate',
    summary: 'Bring the database schema up to date',
    synopsis: '',
    details: 'The server migrates on start as well; run this before starting several instances at once.',
    example: 'DATABASE_URL=postgres://liaison@db/liaison liaison migrate',
    load: () => import('./database.js').then((module) => module.migrate),
  },
  {
    name: 'user create',
    summary: 'Create a user with roles and a password (or SSO-only)',
    synopsis:
      '--username NAME --name "Display Name" [--email E] [--unit CODE] [--role ROLE]... [--office KEY]... ' +
      '[--password-stdin | --no-password]',
    options: {
      username: {
        type: 'string',
        value: 'NAME',
        required: true,
        description: 'Sign-in name: a-z, 0-9, dot, dash, underscore.',
      },
      name: {
        type: 'string',
        value: 'TEXT',
        required: true,
        description: 'Display name, e.g. "Dr. Anna Schmidt".',
      },
      email: { type: 'string', value: 'E', description: 'E-mail address for notifications.' },
      unit: { type: 'string', value: 'CODE', description: 'Code of the organisational unit, e.g. GEO.1.' },
      role: {
        type: 'string',
        value: 'ROLE',
        multiple: true,
        description: `A role; repeat for several. One of: ${RoleSchema.options.join(', ')}.`,
      },
      office: {
        type: 'string',
        value: 'KEY',
        multiple: true,
        description: `The office of an office_reviewer; repeat for several. One of: ${OfficeKeySchema.options.join(', ')}.`,
      },
      'password-stdin': passwordStdin,
      'no-password': { type: 'boolean', description: 'No password: the user signs in through SSO only.' },
    },
    details: 'Without --password-stdin or --no-password the password is asked for twice on the terminal.',
    example: 'liaison user create --username admin --name "Liaison Admin" --role admin',
    load: () => import('./user.js').then((module) => module.createUser),
  },
  {
    name: 'user passwd',
    summary: "Set a user's password and end all of their sessions",
    synopsis: 'USERNAME [--password-stdin]',
    arguments: [{ name: 'USERNAME', description: 'The user whose password to set.' }],
    options: { 'password-stdin': passwordStdin },
    example: 'printf \'%s\\n\' "$NEW_PASSWORD" | liaison user passwd anna --password-stdin',
    load: () => import('./user.js').then((module) => module.setPassword),
  },
  {
    name: 'user list',
    summary: 'List users with their roles',
    synopsis: '',
    example: 'liaison user list',
    load: () => import('./user.js').then((module) => module.listUsers),
  },
  {
    name: 'token create',
    summary: 'Create a personal API token for a user; prints it once',
    synopsis: '--user NAME [--name LABEL] [--days N | --no-expiry]',
    options: {
      user: { type: 'string', value: 'NAME', required: true, description: 'The username the token acts as.' },
      name: {
        type: 'string',
        value: 'LABEL',
        description: 'A label to recognise the token by (default "cli").',
      },
      days: {
        type: 'string',
        value: 'N',
        description: 'Days until the token expires (default 90, at most 3650).',
      },
      'no-expiry': { type: 'boolean', description: 'The token never expires.' },
    },
    details:
      'Only the token goes to standard output, so scripts can capture it; the explanation goes to stderr.',
    example: 'TOKEN=$(liaison token create --user anna --name reporting --days 30)',
    load: () => import('./token.js').then((module) => module.createToken),
  },
  {
    name: 'audit verify',
    summary: 'Recompute the hash chain of the audit trail',
    synopsis: '',
    details: 'Exits 1 and names the first broken entry when the trail was altered.',
    example: 'liaison audit verify',
    load: () => import('./audit.js').then((module) => module.verifyAudit),
  },
  {
    name: 'backup',
    summary: 'Copy the database consistently while the server runs',
    synopsis: 'FILE [--force]',
    arguments: [{ name: 'FILE', description: 'Where to write the copy.' }],
    options: { force: { type: 'boolean', description: 'Replace FILE when it exists.' } },
    details:
      'SQLite: a copy with the online backup API, checked with PRAGMA integrity_check. PostgreSQL: pg_dump ' +
      '(from PATH, custom format, one consistent snapshot) of the configured schema. Back up FILES_DIR as well.',
    example: 'liaison backup /srv/backup/liaison-$(date +%F).db',
    load: () => import('./database.js').then((module) => module.backup),
  },
  {
    name: 'restore',
    summary: 'Put a backup in place of the configured database',
    synopsis: 'FILE [--force]',
    arguments: [{ name: 'FILE', description: 'A backup written by `liaison backup`.' }],
    options: { force: { type: 'boolean', description: 'Replace the configured database when it exists.' } },
    details:
      'Stop the server first. The backup is checked, put in place (SQLite: the file; PostgreSQL: pg_restore ' +
      'in one transaction into the configured schema, which must have the dumped name), migrated and its ' +
      'audit trail verified.',
    example: 'liaison restore /srv/backup/liaison-2025-06-01.db --force',
    load: () => import('./database.js').then((module) => module.restore),
  },
  {
    name: 'knowledge import',
    summary: 'Import Markdown documents with front matter into the knowledge base',
    synopsis: 'DIR',
    arguments: [
      {
        name: 'DIR',
        description: 'A folder of <language>/<slug>.md files, each starting with --- front matter ---.',
      },
    ],
    details:
      'New documents are created, changed ones get a new version (the old text stays in the history), identical ' +
      'ones are left alone. A file with a problem is reported and skipped; the exit code is then 1.',
    example: 'liaison knowledge import data/knowledge',
    load: () => import('./knowledge.js').then((module) => module.importKnowledge),
  },
  {
    name: 'lists import',
    summary: 'Import a restricted-party list file as a new list version',
    synopsis: `--format <${ListFormatSchema.options.join('|')}> FILE`,
    arguments: [
      {
        name: 'FILE',
        description:
          'The list file. For ofac-sdn: sdn.csv (alt.csv and add.csv are read from beside it) or their folder.',
      },
    ],
    options: {
      format: {
        type: 'string',
        value: 'FORMAT',
        required: true,
        description: `One of: ${ListFormatSchema.options.join(', ')}.`,
      },
    },
    details:
      'A broken file is rejected whole and the previous version stays current. Each import is kept as a version with ' +
      'its difference to the previous one; the partners of open cases are re-screened in the background.',
    example: 'liaison lists import --format csl consolidated.csv',
    load: () => import('./lists.js').then((module) => module.importListFile),
  },
  {
    name: 'lists',
    summary: 'Show the lists with their kind, current version, entry count and staleness',
    synopsis: '',
    example: 'liaison lists',
    load: () => import('./lists.js').then((module) => module.showLists),
  },
  {
    name: 'screen',
    summary: 'Screen names against the current lists, with scores and explanations',
    synopsis: '[--json] [--country CC] [--person] [NAME…]',
    arguments: [
      {
        name: 'NAME',
        description: 'Names to screen; without any, one per line from standard input.',
        optional: true,
        variadic: true,
      },
    ],
    options: {
      json: { type: 'boolean', description: 'One JSON object per name: {query, matches}.' },
      country: {
        type: 'string',
        value: 'CC',
        description: "The organisation's country (ISO code), a soft qualifier.",
      },
      person: {
        type: 'boolean',
        description: 'The names are people: matched by name against sanctions lists only.',
      },
    },
    details: 'Exits 1 when no list has been imported: "not screened" is never "no hits".',
    example: 'printf "Harbin Institute of Technology\n哈尔滨工业大学\n" | liaison screen --json --country CN',
    load: () => import('./screen.js').then((module) => module.screenNames),
  },
  {
    name: 'compare',
    summary: 'Score two names and explain why they match (or not)',
    synopsis: '[--json] [--person] NAME1 NAME2 | --pairs',
    arguments: [
      { name: 'NAME1', description: 'The first name.', optional: true },
      { name: 'NAME2', description: 'The second name.', optional: true },
    ],
    options: {
      json: { type: 'boolean', description: 'Print {name1, name2, score, verdict, explanation} as JSON.' },
      person: { type: 'boolean', description: "Compare as people's names." },
      pairs: {
        type: 'boolean',
        description: 'Read name1<TAB>name2 lines from standard input; one JSON object per line.',
      },
    },
    details: 'Uses the same scoring, thresholds and list aliases as the screening.',
    example: 'liaison compare "Tsinghua University" "清华大学"',
    load: () => import('./compare.js').then((module) => module.compareNamesCommand),
  },
  {
    name: 'assess',
    summary: 'Pre-assess a project description against the EU dual-use list, areas and no-go rules',
    synopsis: '[--trl N] [--json] [FILE]',
    arguments: [
      {
        name: 'FILE',
        description: 'A UTF-8 text file; without it, the description is read from standard input.',
        optional: true,
      },
    ],
    options: {
      trl: { type: 'string', value: 'N', description: 'Technology readiness level 1–9 of the work.' },
      json: {
        type: 'boolean',
        description: 'Print one JSON object (riskLevel, candidates, areas, factors, versions, …).',
      },
    },
    details:
      'Uses the reference versions stored in the database (seeded from data/ on first use). Empty, binary or ' +
      'oversized input (over 100,000 characters) exits 1 with the reason.',
    example: 'liaison assess --trl 4 --json description.txt',
    load: () => import('./assess.js').then((module) => module.assessDescription),
  },
  {
    name: 'reference import annex',
    summary: 'Import Annex I of the EU dual-use regulation as a new reference version',
    synopsis: 'FILE',
    arguments: [{ name: 'FILE', description: 'An annex.json as shipped in data/eu-dual-use-annex-i/.' }],
    details:
      'The same content imports only once; every earlier version stays readable and pinned by old assessments.',
    example: 'liaison reference import annex data/eu-dual-use-annex-i/annex.json',
    load: () => import('./reference.js').then((module) => module.importAnnex),
  },
  {
    name: 'reference list',
    summary: 'List the stored versions of the assessment reference data',
    synopsis: '',
    example: 'liaison reference list',
    load: () => import('./reference.js').then((module) => module.listReference),
  },
  {
    name: 'training import',
    summary: 'Import training modules (one JSON file per module) as new module versions',
    synopsis: 'DIR',
    arguments: [{ name: 'DIR', description: 'A folder of module files, e.g. data/training/modules.' }],
    details:
      'Every file is validated first; a broken file rejects the whole import and names the file and field. ' +
      'Unchanged content adds no version; completions keep the version they were taken on.',
    example: 'liaison training import data/training/modules',
    load: () => import('./training.js').then((module) => module.importTraining),
  },
  {
    name: 'openapi',
    summary: 'Print the OpenAPI document of the HTTP API',
    synopsis: '',
    example: 'liaison openapi > docs/openapi.json',
    load: () => import('./openapi.js').then((module) => module.printOpenApi),
  },
]
