// Builds and parses secret links: https://HOST[/{locale}]/p/{id}#{secret}.
import { fromBase64Url } from './crypto/base64url'
import { isLocaleTag } from './protocol/vocabulary'

export interface ParsedLink {
  origin: string
  locale: string | null
  id: string
  secret: string
}

const ID_BYTES = 16
const SECRET_BYTES = 32

/** Canonical base64url of exactly `bytes` bytes, so each id and secret has a single spelling. */
function isEncodingOf(text: string, bytes: number): boolean {
  try {
    return fromBase64Url(text).length === bytes
  } catch {
    return false
  }
}

export function buildLink(
  origin: string,
  id: string,
  secret: string,
  locale?: string | null,
): string {
  const prefix = locale ? '/' + locale : ''
  return `${origin.replace(/\/+$/, '')}${prefix}/p/${id}#${secret}`
}

/** The http(s) URL a user pasted, or null. */
export function parseWebUrl(input: string): URL | null {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null
}

/** Returns null for anything that is not a well-formed secret link. */
export function parseLink(input: string): ParsedLink | null {
  const url = parseWebUrl(input)
  if (!url) return null
  const match = /^(?:\/([^/]+))?\/p\/([^/]+)\/?$/.exec(url.pathname)
  const secret = url.hash.slice(1)
  if (!match || !isEncodingOf(match[2], ID_BYTES)) return null
  if (!isEncodingOf(secret, SECRET_BYTES)) return null
  const locale = match[1] ?? null
  if (locale !== null && !isLocaleTag(locale)) return null
  return { origin: url.origin, locale, id: match[2], secret }
}
