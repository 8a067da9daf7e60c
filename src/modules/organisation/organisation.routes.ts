import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import {
  ContactPersonSchema,
  CreateContactPersonSchema,
  CreateUnitSchema,
  CreateUserSchema,
  OfficeSchema,
  UnitSchema,
  UpdateContactPersonSchema,
  UpdateOfficeSchema,
  UpdateUnitSchema,
  UpdateUserSchema,
  UserSchema,
} from './organisation.schema.js'
import * as service from './organisation.service.js'

const idParam = { params: z.object({ id: z.uuid() }) }
const notFound = { 404: { description: 'No such record' } }

const listUnits = defineRoute('unit.list', {
  method: 'get',
  path: '/units',
  tags: ['organisation'],
  summary: 'Units of the institution',
  responses: { 200: json(z.array(UnitSchema), 'Units'), ...problemResponses },
})
const createUnit = defineRoute('unit.create', {
  method: 'post',
  path: '/units',
  tags: ['organisation'],
  summary: 'Create a unit',
  request: body(CreateUnitSchema),
  responses: { 201: json(UnitSchema, 'Created'), 409: { description: 'Code taken' }, ...problemResponses },
})
const updateUnit = defineRoute('unit.update', {
  method: 'patch',
  path: '/units/{id}',
  tags: ['organisation'],
  summary: 'Change a unit',
  request: { ...idParam, ...body(UpdateUnitSchema) },
  responses: { 200: json(UnitSchema, 'Updated'), ...notFound, ...problemResponses },
})
const listOffices = defineRoute('office.list', {
  method: 'get',
  path: '/offices',
  tags: ['organisation'],
  summary: 'The reviewing offices',
  responses: { 200: json(z.array(OfficeSchema), 'Offices'), ...problemResponses },
})
const updateOffice = defineRoute('office.update', {
  method: 'patch',
  path: '/offices/{id}',
  tags: ['organisation'],
  summary: 'Change an office',
  request: { ...idParam, ...body(UpdateOfficeSchema) },
  responses: { 200: json(OfficeSchema, 'Updated'), ...notFound, ...problemResponses },
})
const listContacts = defineRoute('contact.list', {
  method: 'get',
  path: '/contacts',
  tags: ['organisation'],
  summary: 'Contact persons by office and topic ("Whom do I ask?")',
  responses: { 200: json(z.array(ContactPersonSchema), 'Contact persons'), ...problemResponses },
})
const createContact = defineRoute('contact.create', {
  method: 'post',
  path: '/contacts',
  tags: ['organisation'],
  summary: 'Add a contact person',
  request: body(CreateContactPersonSchema),
  responses: { 201: json(ContactPersonSchema, 'Created'), ...problemResponses },
})
const updateContact = defineRoute('contact.update', {
  method: 'patch',
  path: '/contacts/{id}',
  tags: ['organisation'],
  summary: 'Change a contact person',
  request: { ...idParam, ...body(UpdateContactPersonSchema) },
  responses: { 200: json(ContactPersonSchema, 'Updated'), ...notFound, ...problemResponses },
})
const deleteContact = defineRoute('contact.delete', {
  method: 'delete',
  path: '/contacts/{id}',
  tags: ['organisation'],
  summary: 'Remove a contact person',
  request: idParam,
  responses: { 204: { description: 'Removed' }, ...notFound, ...problemResponses },
})
const listUsers = defineRoute('user.list', {
  method: 'get',
  path: '/users',
  tags: ['organisation'],
  summary: 'Users, optionally filtered by a search text',
  request: { query: z.object({ q: z.string().max(100).optional() }) },
  responses: { 200: json(z.array(UserSchema), 'Users'), ...problemResponses },
})
const getUser = defineRoute('user.read', {
  method: 'get',
  path: '/users/{id}',
  tags: ['organisation'],
  summary: 'One user',
  request: idParam,
  responses: { 200: json(UserSchema, 'The user'), ...notFound, ...problemResponses },
})
const createUser = defineRoute('user.create', {
  method: 'post',
  path: '/users',
  tags: ['organisation'],
  summary: 'Create a user with roles',
  request: body(CreateUserSchema),
  responses: {
    201: json(UserSchema, 'Created'),
    409: { description: 'Username taken' },
    ...problemResponses,
  },
})
const updateUser = defineRoute('user.update', {
  method: 'patch',
  path: '/users/{id}',
  tags: ['organisation'],
  summary: 'Change a user (roles are replaced as a set)',
  request: { ...idParam, ...body(UpdateUserSchema) },
  responses: { 200: json(UserSchema, 'Updated'), ...notFound, ...problemResponses },
})

/** Units, offices, contact persons and users. */
export const organisationRoutes = createRouter()
  .openapi(listUnits, async (c) => c.json(await service.listUnits(c.var.ctx), 200))
  .openapi(createUnit, async (c) => c.json(await service.createUnit(c.var.ctx, c.req.valid('json')), 201))
  .openapi(updateUnit, async (c) =>
    c.json(await service.updateUnit(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(listOffices, async (c) => c.json(await service.listOffices(c.var.ctx), 200))
  .openapi(updateOffice, async (c) =>
    c.json(await service.updateOffice(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(listContacts, async (c) => c.json(await service.listContacts(c.var.ctx), 200))
  .openapi(createContact, async (c) =>
    c.json(await service.createContact(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(updateContact, async (c) =>
    c.json(await service.updateContact(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(deleteContact, async (c) => {
    await service.deleteContact(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(listUsers, async (c) => c.json(await service.listUsers(c.var.ctx, c.req.valid('query').q), 200))
  .openapi(getUser, async (c) => c.json(await service.getUser(c.var.ctx, c.req.valid('param').id), 200))
  .openapi(createUser, async (c) => c.json(await service.createUser(c.var.ctx, c.req.valid('json')), 201))
  .openapi(updateUser, async (c) =>
    c.json(await service.updateUser(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
