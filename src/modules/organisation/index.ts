export {
  countUsers,
  findUnitByCode,
  findUser,
  findUserRowByOidc,
  findUserRowByUsername,
  insertContact,
  insertOffice,
  insertUnit,
  listOffices as listOfficesUnchecked,
  listUsers as listUsersUnchecked,
} from './organisation.repo.js'
export * from './organisation.schema.js'
export {
  createContact,
  createUnit,
  createUser,
  createUserUnchecked,
  deleteContact,
  getUser,
  listContacts,
  listOffices,
  listUnits,
  listUsers,
  updateContact,
  updateOffice,
  updateProfile,
  updateUnit,
  updateUser,
  updateUserUnchecked,
} from './organisation.service.js'

import './organisation.personal-data.js'
