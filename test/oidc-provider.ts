import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { oidcCallbackPath } from '../src/modules/auth/index.js'

/** The claims the test identity provider releases about an account (by the scopes granted). */
export interface OidcTestAccount {
  sub: string
  email: string
  email_verified: boolean
  name: string
  preferred_username: string
}

/** How to start the test identity provider. */
export interface OidcTestProviderOptions {
  /** Liaison's public URL; the client may only be sent back to its OIDC callback there. */
  publicUrl: string
  clientId?: string
  clientSecret?: string
  /** Claims for particular login names; any other login name gets claims derived from it. */
  accounts?: Record<string, Partial<Omit<OidcTestAccount, 'sub'>>>
}

/** A running identity provider for tests, with the client Liaison is registered as. */
export interface OidcTestProvider {
  /** The issuer identifier, e.g. `http://127.0.0.1:41234` (also the discovery base). */
  issuer: string
  clientId: string
  clientSecret: string
  /** Stops the provider and cuts its open connections. */
  close(): Promise<void>
}

/** The part of oidc-provider's Provider class this helper uses. */
interface Provider {
  callback(): (request: IncomingMessage, response: ServerResponse) => void
}

/**
 * The claims of a login name that has none configured: `ada.lovelace` becomes Ada Lovelace,
 * ada.lovelace@university.example, with that login name as subject and preferred username.
 */
export function derivedOidcTestAccount(login: string): OidcTestAccount {
  const name = login
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ')
  return {
    sub: login,
    email: `${login}@university.example`,
    email_verified: true,
    name: name || login,
    preferred_username: login,
  }
}

/**
 * Starts a real oidc-provider on 127.0.0.1 at a free port, with one confidential client
 * (client_secret_post, PKCE required) whose only redirect URI is Liaison's OIDC callback.
 * Sign-in uses oidc-provider's development interactions: a form where any login name (and
 * any password) signs in as the account of that name, followed by a consent screen.
 */
export async function startOidcProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  // oidc-provider warns about what a test provider is on purpose (Node.js 20, in-memory adapter,
  // development interactions); those known lines are left out of the test output.
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('oidc-provider WARNING:')) warn(...args)
  }
  try {
    return await startProvider(options)
  } finally {
    console.warn = warn
  }
}

async function startProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const clientId = options.clientId ?? 'liaison'
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url')
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  // listen() on a TCP host and port always reports an AddressInfo, never a pipe name.
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`

  // oidc-provider ships no type declarations, so it is loaded through a specifier TypeScript does
  // not resolve; the result is the ESM namespace whose default export is the Provider class.
  const moduleName = 'oidc-provider'
  const { default: ProviderClass }: { default: new (issuer: string, configuration: object) => Provider } =
    await import(moduleName)

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  const provider = new ProviderClass(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.publicUrl.replace(/\/$/, '')}${oidcCallbackPath}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client v6 authenticates with client_secret_post when given a secret.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test-signing-key' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // Liaison reads the identity from the ID token, so the profile and e-mail claims go there too
    // (by default they would only be available from the userinfo endpoint).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // Explicit lifetimes keep the provider from printing a notice about each default it uses.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    findAccount: async (_context: unknown, accountId: string) => {
      const account = {
        ...derivedOidcTestAccount(accountId),
        ...options.accounts?.[accountId],
        sub: accountId,
      }
      return { accountId, claims: async () => account }
    },
  })
  server.on('request', provider.callback())

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
