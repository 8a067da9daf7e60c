import { BlockList, isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { ClientInfo } from '../modules/auth/index.js'
import type { TrustProxy } from '../platform/config.js'
import type { AppEnv } from './env.js'

/** Where a request came from, as far as the trusted proxies tell. */
export interface RequestOrigin {
  ip: string
  protocol: 'http' | 'https'
}

const blockLists = new WeakMap<TrustProxy, BlockList>()

/** The trusted proxy addresses and ranges as a BlockList (built once per configuration). */
function trustedList(trust: Extract<TrustProxy, { kind: 'addresses' }>): BlockList {
  let list = blockLists.get(trust)
  if (!list) {
    list = new BlockList()
    for (const entry of trust.addresses) {
      const [address = '', prefix] = entry.split('/')
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
      if (prefix === undefined) list.addAddress(address, family)
      else list.addSubnet(address, Number(prefix), family)
    }
    blockLists.set(trust, list)
  }
  return list
}

function isTrustedAddress(list: BlockList, address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
  const family = isIP(plain)
  if (family === 0) return false
  return list.check(plain, family === 6 ? 'ipv6' : 'ipv4')
}

/**
 * The client's address and protocol. The chain is every X-Forwarded-For address followed by the
 * socket's peer. With TRUST_PROXY unset nothing forwarded is believed: the peer is the client.
 * With a hop count N the last N entries of the chain are trusted proxies and the entry before them
 * is the client. With a list of addresses, entries are skipped from the right while they are in
 * the list; the first one that is not is the client. X-Forwarded-Proto is believed only when the
 * peer itself is a trusted proxy (its last value is the one that proxy set).
 */
export function resolveOrigin(
  trust: TrustProxy,
  peer: string,
  forwardedFor: string | undefined,
  forwardedProto: string | undefined,
): RequestOrigin {
  const direct: RequestOrigin = { ip: peer, protocol: 'http' }
  if (trust.kind === 'none') return direct
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const chain = [...forwarded, peer]
  let index: number
  let peerTrusted: boolean
  if (trust.kind === 'hops') {
    peerTrusted = trust.hops >= 1
    index = Math.max(0, chain.length - 1 - trust.hops)
  } else {
    const list = trustedList(trust)
    peerTrusted = isTrustedAddress(list, peer)
    index = chain.length - 1
    while (index > 0 && isTrustedAddress(list, chain[index] ?? '')) index--
  }
  if (!peerTrusted) return direct
  const proto = (forwardedProto ?? '').split(',').pop()?.trim().toLowerCase()
  return {
    ip: chain[index] ?? peer,
    protocol: proto === 'https' ? 'https' : 'http',
  }
}

/** The socket's peer address ('local' for app.request() in tests, which has no socket). */
function peerAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? ''
  } catch {
    return 'local'
  }
}

/** Where the request came from, after the trusted proxies (see resolveOrigin). */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  return resolveOrigin(
    c.var.ctx.config.trustProxy,
    peerAddress(c),
    c.req.header('x-forwarded-for'),
    c.req.header('x-forwarded-proto'),
  )
}

/** The client's address and agent, for rate limiting and the session list. */
export function clientInfo(c: Context<AppEnv>): ClientInfo {
  return { ip: requestOrigin(c).ip, userAgent: c.req.header('user-agent') ?? '' }
}
