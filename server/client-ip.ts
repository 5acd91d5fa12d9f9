// The client address as the audit trail records it: from the socket, or from X-Forwarded-For
// only when a trusted proxy sets it, then reduced to the configured privacy level.
import { isIP } from 'node:net'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { IpMode } from './config'
import type { Actor } from './db/store'
import { requestHeader } from './respond'

const MAX_USER_AGENT = 512

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null // app.request() in tests has no socket
  }
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) → "192.0.2.1". */
function unmapped(address: string): string {
  const v4 = address.replace(/^::ffff:/i, '')
  return v4 !== address && isIP(v4) === 4 ? v4 : address
}

/**
 * The trusted proxy appends the address it saw to X-Forwarded-For, so only the LAST entry is
 * the proxy's word; everything before it was sent by the client and could be forged.
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = requestHeader(c, 'x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded && isIP(forwarded)) return unmapped(forwarded)
  }
  const address = socketAddress(c)
  return address ? unmapped(address) : null
}

/** The eight 16-bit groups of an IPv6 address, "::" and a dotted IPv4 tail expanded. */
export function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c2, d] = dotted[1].split('.').map(Number)
    text =
      text.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ':' + ((c2 << 8) | d).toString(16)
  }
  const [head, tail] = text.split('::')
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : []
  const front = parse(head)
  const back = parse(tail)
  return tail === undefined
    ? front
    : [...front, ...Array(8 - front.length - back.length).fill(0), ...back]
}

/** /24 for IPv4, /48 for IPv6; anything else is dropped rather than recorded whole. */
export function truncateIp(address: string): string | null {
  if (isIP(address) === 4) return address.split('.').slice(0, 3).join('.') + '.0'
  if (isIP(address) === 6) {
    const prefix = ipv6Groups(address).slice(0, 3)
    while (prefix.at(-1) === 0) prefix.pop()
    return prefix.map((g) => g.toString(16)).join(':') + '::'
  }
  return null
}

export function actorOf(c: Context, mode: IpMode, trustProxy: boolean): Actor {
  const userAgent = requestHeader(c, 'user-agent')?.slice(0, MAX_USER_AGENT) ?? null
  if (mode === 'none') return { ip: null, userAgent }
  const address = clientAddress(c, trustProxy)
  return { ip: address && mode === 'truncated' ? truncateIp(address) : address, userAgent }
}
