// The client address as the audit trail records it: from the socket, or from X-Forwarded-For
// only when a trusted proxy sets it, then reduced to the configured privacy level.
import { isIP } from 'node:net'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { IpMode } from '../config'
import type { Actor } from '../db/store'
import { requestHeader } from './respond'

const MAX_USER_AGENT = 512

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null // app.request() in tests has no socket
  }
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

/**
 * The eight 16-bit groups of an IPv6 address in any spelling ("::" anywhere, leading zeros, any
 * case, a dotted IPv4 tail, a zone id); null if it is not one. The audit trail and the rate
 * limits both read addresses with it.
 */
export function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null
  let text = address.split('%')[0]
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number)
    text =
      text.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16)
  }
  const [head, tail] = text.split('::')
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : []
  const front = parse(head)
  const back = parse(tail)
  return tail === undefined
    ? front
    : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back]
}

/** An IPv4 client on a dual-stack socket, ::ffff:a.b.c.d in any spelling → "a.b.c.d". */
export function unmapped(address: string): string {
  const groups = ipv6Groups(address)
  if (!groups || groups.slice(0, 5).some(Boolean) || groups[5] !== 0xffff) return address
  return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.')
}

/** /24 for IPv4, /48 for IPv6; anything else is dropped rather than recorded whole. */
export function truncateIp(address: string): string | null {
  if (isIP(address) === 4) return address.split('.').slice(0, 3).join('.') + '.0'
  const groups = ipv6Groups(address)
  if (groups) {
    const prefix = groups.slice(0, 3)
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
