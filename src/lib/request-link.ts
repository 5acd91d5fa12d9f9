// Builds and parses request links: the sender's `https://HOST/request/{id}#{publicKey}` and the
// requester's `https://HOST/r/{id}#{privateKey ‖ ownerToken}` (docs/protocol.md "Requests").
import { fromBase64Url } from './crypto/base64url'
import { parseWebUrl } from './link'

export type RequestLink =
  | {
      kind: 'public'
      origin: string
      id: string
      /** The requester's public key as the link carries it; null for a link without one. */
      publicKey: string | null
    }
  | { kind: 'private'; origin: string; id: string; fragment: string }

/** Whether the server's key is the one the sender's link carries. */
export type RequestKeyCheck = 'match' | 'missing' | 'mismatch'

const ID_BYTES = 16
const PUBLIC_KEY_BYTES = 32
const PRIVATE_FRAGMENT_BYTES = 64

/** Canonical base64url of exactly `bytes` bytes, so every key has a single spelling. */
function isEncodingOf(text: string, bytes: number): boolean {
  try {
    return fromBase64Url(text).length === bytes
  } catch {
    return false
  }
}

export function publicRequestLink(origin: string, id: string, publicKey: string): string {
  return `${origin.replace(/\/+$/, '')}/request/${id}#${publicKey}`
}

export function privateRequestLink(origin: string, id: string, fragment: string): string {
  return `${origin.replace(/\/+$/, '')}/r/${id}#${fragment}`
}

/** The public key a public link's fragment holds, or null when it holds none that can be one. */
export function publicKeyOfFragment(fragment: string): string | null {
  return isEncodingOf(fragment, PUBLIC_KEY_BYTES) ? fragment : null
}

/** A private link's fragment when well formed (private key ‖ owner token), else null. */
export function privateFragmentOf(fragment: string): string | null {
  return isEncodingOf(fragment, PRIVATE_FRAGMENT_BYTES) ? fragment : null
}

/** Returns null for anything that is not a request link; a public link may lack its key. */
export function parseRequestLink(input: string): RequestLink | null {
  const url = parseWebUrl(input)
  if (!url) return null
  const match = /^\/(request|r)\/([^/]+)\/?$/.exec(url.pathname)
  if (!match || !isEncodingOf(match[2], ID_BYTES)) return null
  const fragment = url.hash.slice(1)
  if (match[1] === 'request') {
    return {
      kind: 'public',
      origin: url.origin,
      id: match[2],
      publicKey: publicKeyOfFragment(fragment),
    }
  }
  const privateFragment = privateFragmentOf(fragment)
  return privateFragment === null
    ? null
    : { kind: 'private', origin: url.origin, id: match[2], fragment: privateFragment }
}

/**
 * Checks the key the server hands out against the link's before anything is sealed: whoever
 * writes the server's database could otherwise swap in a key of their own and read the answer.
 * A link without a key cannot be checked and counts as a refusal too.
 */
export function checkRequestKey(linkKey: string | null, serverKey: string): RequestKeyCheck {
  if (linkKey === null || publicKeyOfFragment(linkKey) === null) return 'missing'
  return linkKey === serverKey ? 'match' : 'mismatch'
}
