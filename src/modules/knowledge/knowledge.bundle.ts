import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { type Actor, authorize, hasRole } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import { bundledModuleContent, storeBundledModule, TrainingModuleContentSchema } from '../training/index.js'
import * as repo from './knowledge.repo.js'
import {
  type Bundle,
  type BundledDocument,
  BundledDocumentSchema,
  type BundlePreview,
  BundleSchema,
  DocumentMetadataSchema,
  SaveDocumentSchema,
} from './knowledge.schema.js'
import { diffText, knowledgeResource, saveInTransaction } from './knowledge.service.js'

const documentKind = 'knowledge-document'
/** A training module (its full content, quiz answers included) shared with the documents. */
const trainingKind = 'training-module'

/** JSON with object keys sorted, so the same content always hashes and signs the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** The fingerprint of a public key: SHA-256 of its DER form, in groups of four hex digits. */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })
  return (createHash('sha256').update(der).digest('hex').match(/.{4}/g) ?? []).join(':')
}

async function authorizeBundles(ctx: Ctx, db: Db): Promise<Actor> {
  authorize(ctx.actor, 'knowledge.bundle')
  authorize(
    ctx.actor,
    'knowledge.bundle',
    await knowledgeResource(db, { ownerOffice: null, ownerUserId: null }),
  )
  return ctx.actor
}

/** The institution's Ed25519 signing key, generated and stored on first use. */
async function signingKey(db: Db, ctx: Ctx) {
  const existing = await repo.findSigningKey(db)
  if (existing) return existing
  const pair = generateKeyPairSync('ed25519')
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const row = {
    id: newId(),
    publicKey,
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
    createdAt: ctx.now().toISOString(),
  }
  await repo.insertSigningKey(db, row)
  return row
}

/** This institution's public key and fingerprint, for other institutions to trust (any reader may see it). */
export async function getSigningKey(ctx: Ctx) {
  authorize(ctx.actor, 'knowledge.read')
  const key = await ctx.db.transaction().execute((trx) => signingKey(trx, ctx))
  return {
    institution: ctx.config.institution.name,
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    createdAt: key.createdAt,
  }
}

/**
 * Exports documents as a signed bundle: content and metadata only, never comments, people or cases.
 * @throws AppError('not_found') for an unknown document, AppError('forbidden')
 */
export async function exportBundle(
  ctx: Ctx,
  documentIds: readonly string[],
  trainingModuleKeys: readonly string[] = [],
): Promise<Bundle> {
  await authorizeBundles(ctx, ctx.db)
  return ctx.db.transaction().execute(async (trx) => {
    const key = await signingKey(trx, ctx)
    const items: Bundle['items'] = []
    for (const id of [...new Set(documentIds)]) {
      const row = await repo.findDocument(trx, id)
      if (!row)
        throw new AppError('not_found', 'No such document.', {
          fields: [{ field: 'documentIds', message: id }],
        })
      const content: BundledDocument = {
        slug: row.slug,
        language: row.language as BundledDocument['language'],
        kind: row.kind as BundledDocument['kind'],
        title: row.title,
        summary: row.summary,
        body: row.body,
        version: row.currentVersion,
        ownerOffice: row.ownerOffice as BundledDocument['ownerOffice'],
        audience: row.audience as BundledDocument['audience'],
        tags: JSON.parse(row.tags) as string[],
        researchAreas: JSON.parse(row.researchAreas) as string[],
        reviewIntervalMonths: row.reviewIntervalMonths,
        jurisdiction: row.jurisdiction,
        effectiveDate: row.effectiveDate,
        topics: JSON.parse(row.topics) as BundledDocument['topics'],
      }
      // Parsing proves the content holds nothing beyond the declared fields.
      items.push({
        kind: documentKind,
        key: `${row.slug}:${row.language}`,
        content: BundledDocumentSchema.parse(content),
      })
    }
    for (const key of [...new Set(trainingModuleKeys)]) {
      const content = await bundledModuleContent(trx, key)
      if (!content)
        throw new AppError('not_found', 'No such training.', {
          fields: [{ field: 'trainingModuleKeys', message: key }],
        })
      items.push({ kind: trainingKind, key, content })
    }
    const manifest: Bundle['manifest'] = {
      institution: ctx.config.institution.name,
      createdAt: ctx.now().toISOString(),
      signer: { fingerprint: key.fingerprint, publicKey: key.publicKey },
      items: items.map((item) => ({
        kind: item.kind,
        key: item.key,
        sha256: sha256(canonicalJson(item.content)),
      })),
    }
    const signature = sign(
      null,
      Buffer.from(canonicalJson(manifest)),
      createPrivateKey(key.privateKey),
    ).toString('base64')
    await recordAudit(trx, ctx, {
      action: 'knowledge.bundle_exported',
      entityType: 'knowledge_bundle',
      entityId: key.fingerprint,
      after: { items: manifest.items.map((item) => item.key) },
    })
    return { format: 'liaison-knowledge-bundle', formatVersion: 1, manifest, items, signature }
  })
}

/**
 * Checks a bundle's signature and hashes; answers the parsed bundle.
 * @throws AppError('validation') naming what is wrong (tampered item, bad signature, unknown item kind)
 */
export function verifyBundle(input: unknown): Bundle {
  const bundle = BundleSchema.parse(input)
  const { manifest } = bundle
  let fingerprint: string
  try {
    fingerprint = fingerprintOf(manifest.signer.publicKey)
  } catch {
    throw invalid('manifest.signer.publicKey', 'Not a public key')
  }
  if (fingerprint !== manifest.signer.fingerprint)
    throw invalid('manifest.signer.fingerprint', 'Does not match the key')
  const signed = verify(
    null,
    Buffer.from(canonicalJson(manifest)),
    createPublicKey(manifest.signer.publicKey),
    Buffer.from(bundle.signature, 'base64'),
  )
  if (!signed) throw invalid('signature', 'The signature does not match the manifest: the bundle was changed')
  if (manifest.items.length !== bundle.items.length)
    throw invalid('items', 'The items do not match the manifest')
  for (const [index, item] of bundle.items.entries()) {
    const listed = manifest.items[index]
    if (
      !listed ||
      listed.key !== item.key ||
      listed.kind !== item.kind ||
      listed.sha256 !== sha256(canonicalJson(item.content))
    )
      throw invalid(`items.${index}`, 'The item was changed after signing')
    if (item.kind !== documentKind && item.kind !== trainingKind)
      throw invalid(`items.${index}.kind`, `Unknown item kind "${item.kind}"`)
    const parsed = (
      item.kind === trainingKind ? TrainingModuleContentSchema : BundledDocumentSchema
    ).safeParse(item.content)
    if (!parsed.success) throw invalid(`items.${index}.content`, parsed.error.issues[0]?.message ?? 'Invalid')
  }
  return bundle
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation', `The bundle cannot be trusted: ${message}.`, {
    fields: [{ field, message }],
  })
}

/**
 * Verifies an uploaded bundle and stages it; nothing is applied until `applyBundle`.
 * @throws AppError('validation') for a bundle that is not intact
 */
export async function stageBundle(ctx: Ctx, input: unknown): Promise<BundlePreview> {
  const actor = await authorizeBundles(ctx, ctx.db)
  const bundle = verifyBundle(input)
  const id = newId()
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertBundleImport(trx, {
      id,
      bundle: JSON.stringify(bundle),
      fingerprint: bundle.manifest.signer.fingerprint,
      institution: bundle.manifest.institution,
      status: 'staged',
      createdBy: actor.id,
      createdAt: ctx.now().toISOString(),
      appliedAt: null,
    })
    await recordAudit(trx, ctx, {
      action: 'knowledge.bundle_staged',
      entityType: 'knowledge_bundle',
      entityId: id,
      after: { institution: bundle.manifest.institution, fingerprint: bundle.manifest.signer.fingerprint },
    })
  })
  return previewBundle(ctx, id)
}

/**
 * What applying a staged bundle would change, item by item, with the diff against the current version.
 * @throws AppError('not_found') for an unknown import
 */
export async function previewBundle(ctx: Ctx, importId: string): Promise<BundlePreview> {
  authorize(ctx.actor, 'knowledge.bundle')
  const staged = await repo.findBundleImport(ctx.db, importId)
  if (!staged) throw new AppError('not_found', 'No such import.')
  await authorizeBundles(ctx, ctx.db)
  const bundle = BundleSchema.parse(JSON.parse(staged.bundle))
  const items: BundlePreview['items'] = []
  for (const item of bundle.items) {
    if (item.kind === trainingKind) {
      items.push(await previewTraining(ctx.db, item.key, item.content))
      continue
    }
    const incoming = BundledDocumentSchema.parse(item.content)
    const existing = (await repo.listDocumentsBySlug(ctx.db, incoming.slug)).find(
      (row) => row.language === incoming.language,
    )
    if (!existing) {
      items.push({
        kind: item.kind,
        key: item.key,
        title: incoming.title,
        change: 'new',
        documentId: null,
        currentVersion: null,
        diff: null,
      })
      continue
    }
    const before = comparable(existing)
    const after = comparableIncoming(incoming)
    const fields = Object.keys(before)
      .filter((field) => field !== 'body' && before[field] !== after[field])
      .map((field) => ({ field, before: before[field] ?? '', after: after[field] ?? '' }))
    const changed = fields.length > 0 || existing.body !== incoming.body
    items.push({
      kind: item.kind,
      key: item.key,
      title: incoming.title,
      change: changed ? 'changed' : 'unchanged',
      documentId: existing.id,
      currentVersion: existing.currentVersion,
      diff: changed
        ? {
            documentId: existing.id,
            from: existing.currentVersion,
            to: existing.currentVersion + 1,
            fields,
            body: diffText(existing.body, incoming.body),
          }
        : null,
    })
  }
  return {
    importId: staged.id,
    status: staged.status as BundlePreview['status'],
    institution: staged.institution,
    createdAt: bundle.manifest.createdAt,
    fingerprint: staged.fingerprint,
    isKeyTrusted: await isTrusted(ctx.db, staged.fingerprint),
    items,
  }
}

/** A training module in a bundle against the stored one: new, changed (with a diff of its content) or unchanged. */
async function previewTraining(
  db: Db,
  key: string,
  content: unknown,
): Promise<BundlePreview['items'][number]> {
  const incoming = TrainingModuleContentSchema.parse(content)
  const current = await bundledModuleContent(db, key)
  const title = `${incoming.title.de} / ${incoming.title.en}`
  if (!current)
    return {
      kind: trainingKind,
      key,
      title,
      change: 'new',
      documentId: null,
      currentVersion: null,
      diff: null,
    }
  const before = JSON.stringify(JSON.parse(canonicalJson(current)), null, 2)
  const after = JSON.stringify(JSON.parse(canonicalJson(incoming)), null, 2)
  return {
    kind: trainingKind,
    key,
    title,
    change: before === after ? 'unchanged' : 'changed',
    documentId: null,
    currentVersion: current.version,
    diff:
      before === after
        ? null
        : {
            documentId: key,
            from: current.version,
            to: incoming.version,
            fields: [],
            body: diffText(before, after),
          },
  }
}

function comparable(row: repo.DocumentRow): Record<string, string> {
  return {
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    audience: row.audience,
    tags: row.tags,
    researchAreas: row.researchAreas,
    reviewIntervalMonths: String(row.reviewIntervalMonths),
    jurisdiction: row.jurisdiction ?? '',
    effectiveDate: row.effectiveDate ?? '',
    topics: row.topics,
    body: row.body,
  }
}

function comparableIncoming(item: BundledDocument): Record<string, string> {
  return {
    title: item.title,
    summary: item.summary,
    kind: item.kind,
    audience: item.audience,
    tags: JSON.stringify(item.tags),
    researchAreas: JSON.stringify(item.researchAreas),
    reviewIntervalMonths: String(item.reviewIntervalMonths),
    jurisdiction: item.jurisdiction ?? '',
    effectiveDate: item.effectiveDate ?? '',
    topics: JSON.stringify(item.topics),
    body: item.body,
  }
}

async function isTrusted(db: Db, fingerprint: string): Promise<boolean> {
  if ((await repo.findTrustedKey(db, fingerprint)) !== undefined) return true
  return (await repo.findSigningKey(db))?.fingerprint === fingerprint
}

/**
 * Applies a staged bundle: new documents are created, changed ones get a new version (the old
 * text stays in the history). A bundle signed by a key nobody here trusts yet needs an admin's
 * explicit confirmation, which trusts the key from then on.
 * @throws AppError('conflict') when already applied or the key is unknown and not confirmed,
 *   AppError('forbidden') when a non-admin confirms an unknown key
 */
export async function applyBundle(
  ctx: Ctx,
  importId: string,
  options: { confirmUnknownKey?: boolean } = {},
): Promise<BundlePreview> {
  authorize(ctx.actor, 'knowledge.bundle')
  const staged = await repo.findBundleImport(ctx.db, importId)
  if (!staged) throw new AppError('not_found', 'No such import.')
  const actor = await authorizeBundles(ctx, ctx.db)
  const bundle = verifyBundle(JSON.parse(staged.bundle))
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.settleBundleImport(trx, importId, 'applied', ctx.now().toISOString())))
      throw new AppError('conflict', 'This bundle was applied or discarded already.')
    if (!(await isTrusted(trx, staged.fingerprint))) {
      if (!options.confirmUnknownKey)
        throw new AppError(
          'conflict',
          'The bundle is signed by a key this institution does not trust yet; an admin must confirm it.',
          {
            fields: [{ field: 'confirmUnknownKey', message: 'Confirm the signer’s key fingerprint' }],
          },
        )
      if (!hasRole(actor, 'admin'))
        throw new AppError('forbidden', 'Only an admin may trust a new signing key.')
      await repo.insertTrustedKey(trx, {
        fingerprint: staged.fingerprint,
        publicKey: bundle.manifest.signer.publicKey,
        institution: bundle.manifest.institution,
        confirmedBy: actor.displayName,
        confirmedAt: ctx.now().toISOString(),
      })
    }
    for (const item of bundle.items) {
      if (item.kind === trainingKind) {
        await storeBundledModule(trx, ctx, item.content)
        continue
      }
      const incoming = BundledDocumentSchema.parse(item.content)
      const existing = (await repo.listDocumentsBySlug(trx, incoming.slug)).find(
        (row) => row.language === incoming.language,
      )
      if (
        existing &&
        existing.body === incoming.body &&
        comparableIncoming(incoming).title === existing.title
      ) {
        const same = Object.entries(comparable(existing)).every(
          ([field, value]) => comparableIncoming(incoming)[field] === value,
        )
        if (same) continue
      }
      const metadata = DocumentMetadataSchema.parse({
        kind: incoming.kind,
        ownerOffice: existing?.ownerOffice ?? incoming.ownerOffice ?? 'research_security',
        ownerUserId: existing?.ownerUserId ?? null,
        audience: incoming.audience,
        tags: incoming.tags,
        researchAreas: incoming.researchAreas,
        reviewIntervalMonths: incoming.reviewIntervalMonths,
        jurisdiction: incoming.jurisdiction,
        effectiveDate: incoming.effectiveDate,
        topics: incoming.topics,
      })
      await saveInTransaction(
        trx,
        ctx,
        SaveDocumentSchema.parse({
          ...metadata,
          ...(existing ? { documentId: existing.id, baseVersion: existing.currentVersion } : {}),
          slug: incoming.slug,
          language: incoming.language,
          title: incoming.title,
          summary: incoming.summary,
          body: incoming.body,
          changeNote: `Imported from ${bundle.manifest.institution} (their version ${incoming.version})`,
        }),
        null,
      )
    }
    await recordAudit(trx, ctx, {
      action: 'knowledge.bundle_applied',
      entityType: 'knowledge_bundle',
      entityId: importId,
      after: {
        institution: staged.institution,
        fingerprint: staged.fingerprint,
        items: bundle.items.map((item) => item.key),
      },
    })
  })
  return previewBundle(ctx, importId)
}
