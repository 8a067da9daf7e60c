import { registerPersonalDataProvider } from '../../platform/personal-data.js'

/** The account, its roles and the contact entries of the person. */
registerPersonalDataProvider({
  name: 'account',
  order: 10,
  async export(ctx, subject) {
    const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', subject.id).executeTakeFirst()
    const roles = await ctx.db
      .selectFrom('userRoles')
      .leftJoin('offices', 'offices.id', 'userRoles.officeId')
      .select(['userRoles.role', 'offices.key as office', 'userRoles.createdAt'])
      .where('userRoles.userId', '=', subject.id)
      .execute()
    const contacts = await ctx.db
      .selectFrom('contactPersons')
      .selectAll()
      .where((eb) => eb.or([eb('userId', '=', subject.id), eb('email', '=', subject.email)]))
      .execute()
    if (!user) return null
    const { passwordHash, oidcSubject, ...account } = user
    return {
      ...account,
      hasPassword: passwordHash !== null,
      singleSignOn: oidcSubject !== null,
      roles,
      contactEntries: contacts.map(({ id, name, email, phone, functionDe, functionEn, createdAt }) => ({
        id,
        name,
        email,
        phone,
        functionDe,
        functionEn,
        createdAt,
      })),
    }
  },
  async erase(ctx, { subject, pseudonym }, trx) {
    const now = ctx.now().toISOString()
    await trx
      .updateTable('users')
      .set({
        username: pseudonym.username,
        displayName: pseudonym.displayName,
        email: pseudonym.email,
        passwordHash: null,
        oidcIssuer: null,
        oidcSubject: null,
        isActive: 0,
        lockedUntil: null,
        erasedAt: now,
        updatedAt: now,
      })
      .where('id', '=', subject.id)
      .execute()
    const roles = await trx.deleteFrom('userRoles').where('userId', '=', subject.id).executeTakeFirst()
    const contacts = await trx
      .deleteFrom('contactPersons')
      .where((eb) => eb.or([eb('userId', '=', subject.id), eb('email', '=', subject.email)]))
      .executeTakeFirst()
    return {
      accounts: 1,
      roles: Number(roles.numDeletedRows),
      contactEntries: Number(contacts.numDeletedRows),
    }
  },
})
