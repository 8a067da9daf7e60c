import { z } from 'zod'
import { RoleGrantSchema } from '../access/access.schema.js'

const text = (max: number) => z.string().trim().max(max)
const requiredText = (max: number) => z.string().trim().min(1).max(max)
const email = z.union([z.email().max(254), z.literal('')])
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+()/.\- ]*$/, 'Only digits, spaces and + ( ) / . - are allowed')

/** The offices a collaboration can be routed to; every institution has these, named as it likes. */
export const OfficeKeySchema = z.enum([
  'export_control',
  'legal',
  'hr',
  'technology_transfer',
  'funding_office',
  'international_office',
  'ethics',
  'data_protection',
  'research_security',
])
export type OfficeKey = z.infer<typeof OfficeKeySchema>

/** Topics researchers ask about; "Whom do I ask?" is organised by these. */
export const ContactTopicSchema = z.enum([
  'export_control',
  'sanctions',
  'contracts',
  'data_protection',
  'ethics',
  'ip_licensing',
  'funding',
  'mobility_visas',
  'hosting_guests',
  'partnerships',
  'research_security',
  'china_competence',
])
export type ContactTopic = z.infer<typeof ContactTopicSchema>

/** An organisational unit: institute, department, section. */
export const UnitSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    parentId: z.string().nullable(),
  })
  .meta({ id: 'Unit' })
export type Unit = z.infer<typeof UnitSchema>

/** Input to create a unit. */
export const CreateUnitSchema = z
  .strictObject({
    code: requiredText(32).regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash and underscore only'),
    nameDe: requiredText(200),
    nameEn: requiredText(200),
    parentId: z.uuid().nullable().optional(),
  })
  .meta({ id: 'CreateUnit' })
export type CreateUnit = z.infer<typeof CreateUnitSchema>

/** Input to change a unit; only the given fields change. */
export const UpdateUnitSchema = CreateUnitSchema.partial().meta({ id: 'UpdateUnit' })
export type UpdateUnit = z.infer<typeof UpdateUnitSchema>

/** An office that reviews collaborations (export control, legal, …). */
export const OfficeSchema = z
  .object({
    id: z.string(),
    key: OfficeKeySchema,
    nameDe: z.string(),
    nameEn: z.string(),
    descriptionDe: z.string(),
    descriptionEn: z.string(),
    email: z.string(),
    phone: z.string(),
    leadUserId: z.string().nullable(),
    reviewDays: z.number().int(),
  })
  .meta({ id: 'Office' })
export type Office = z.infer<typeof OfficeSchema>

/** Input to change an office. */
export const UpdateOfficeSchema = z
  .strictObject({
    nameDe: requiredText(200),
    nameEn: requiredText(200),
    descriptionDe: text(2000),
    descriptionEn: text(2000),
    email,
    phone,
    leadUserId: z.uuid().nullable(),
    reviewDays: z.number().int().min(1).max(60),
  })
  .partial()
  .meta({ id: 'UpdateOffice' })
export type UpdateOffice = z.infer<typeof UpdateOfficeSchema>

/** A person researchers can turn to, for an office and a set of topics. */
export const ContactPersonSchema = z
  .object({
    id: z.string(),
    officeId: z.string(),
    userId: z.string().nullable(),
    name: z.string(),
    functionDe: z.string(),
    functionEn: z.string(),
    email: z.string(),
    phone: z.string(),
    topics: z.array(ContactTopicSchema),
    languages: z.array(z.string()),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'ContactPerson' })
export type ContactPerson = z.infer<typeof ContactPersonSchema>

/** Input to create a contact person. */
export const CreateContactPersonSchema = z
  .strictObject({
    officeId: z.uuid(),
    userId: z.uuid().nullable().optional(),
    name: requiredText(200),
    functionDe: text(200).default(''),
    functionEn: text(200).default(''),
    email: email.default(''),
    phone: phone.default(''),
    topics: z.array(ContactTopicSchema).min(1).max(12),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/, 'Two-letter language code'))
      .max(10)
      .default([]),
    sortOrder: z.number().int().min(0).max(10000).default(0),
  })
  .meta({ id: 'CreateContactPerson' })
export type CreateContactPerson = z.input<typeof CreateContactPersonSchema>

/** Input to change a contact person. */
export const UpdateContactPersonSchema = z
  .strictObject({
    officeId: z.uuid(),
    userId: z.uuid().nullable(),
    name: requiredText(200),
    functionDe: text(200),
    functionEn: text(200),
    email,
    phone,
    topics: z.array(ContactTopicSchema).min(1).max(12),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'Two-letter language code')).max(10),
    sortOrder: z.number().int().min(0).max(10000),
  })
  .partial()
  .meta({ id: 'UpdateContactPerson' })
export type UpdateContactPerson = z.infer<typeof UpdateContactPersonSchema>

/** The UI languages. */
export const LocaleSchema = z.enum(['de', 'en'])
export type Locale = z.infer<typeof LocaleSchema>

/** A user account as the API shows it (never with its password hash). */
export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string(),
    unitId: z.string().nullable(),
    isActive: z.boolean(),
    locale: LocaleSchema,
    hasPassword: z.boolean(),
    hasSso: z.boolean(),
    roles: z.array(RoleGrantSchema),
    /** Set while the account is locked after repeated failed sign-ins. */
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof UserSchema>

const username = requiredText(64).regex(
  /^[a-z0-9][a-z0-9._-]*$/,
  'Lower-case letters, digits, dot, dash, underscore',
)
const password = z.string().min(8, 'At least 8 characters').max(256)

/** Input to create a user. */
export const CreateUserSchema = z
  .strictObject({
    username,
    displayName: requiredText(200),
    email,
    unitId: z.uuid().nullable().optional(),
    password: password.optional(),
    locale: LocaleSchema.default('de'),
    roles: z.array(RoleGrantSchema).max(20).default([]),
  })
  .meta({ id: 'CreateUser' })
export type CreateUser = z.input<typeof CreateUserSchema>

/** Input to change a user; `roles` replaces the whole set when given. */
export const UpdateUserSchema = z
  .strictObject({
    displayName: requiredText(200),
    email,
    unitId: z.uuid().nullable(),
    isActive: z.boolean(),
    locale: LocaleSchema,
    password,
    roles: z.array(RoleGrantSchema).max(20),
  })
  .partial()
  .meta({ id: 'UpdateUser' })
export type UpdateUser = z.infer<typeof UpdateUserSchema>

/** What a user may change about themselves. */
export const UpdateProfileSchema = z
  .strictObject({ displayName: requiredText(200), locale: LocaleSchema })
  .partial()
  .meta({ id: 'UpdateProfile' })
export type UpdateProfile = z.infer<typeof UpdateProfileSchema>
