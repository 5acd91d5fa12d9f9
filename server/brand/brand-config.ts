// The settings that make an instance look like its operator's: a name and logo in the header
// instead of Hushlink's, an accent colour, and imprint and privacy links in the footer of the
// sender's pages. Read once by loadConfig (server/config.ts); the logo file is read here, at start-up.
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { BRAND_NAME_MAX_CHARS } from '../../src/lib/protocol/vocabulary'
import { ConfigError, type Env } from '../config-vars'

/** Bigger logos are refused at start-up: a header mark needs no more. */
export const LOGO_MAX_BYTES = 256 * 1024

export interface BrandLogo {
  bytes: Uint8Array
  contentType: 'image/svg+xml' | 'image/png' | 'image/webp'
  /** A strong ETag: a hash of the bytes. */
  etag: string
}

export interface BrandConfig {
  /** Replaces "Hushlink" in the header of every page; null: Hushlink's own. */
  name: string | null
  /** Served at LOGO_PATH; null: Hushlink's mark. */
  logo: BrandLogo | null
  /** A CSS colour, already checked to be one of the accepted forms; null: the default. */
  accent: string | null
  imprintUrl: string | null
  privacyUrl: string | null
}

/** Where the instance serves its logo (server/brand/routes.ts). */
export const LOGO_PATH = '/brand/logo'

// Control characters, line breaks and bidi controls, as in HUSHLINK_INSTANCE_NAME.
const UNSHOWABLE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

function nameVar(env: Env): string | null {
  const name = (env.HUSHLINK_BRAND_NAME ?? '').trim()
  if (name === '') return null
  if (name.length > BRAND_NAME_MAX_CHARS || UNSHOWABLE.test(name)) {
    throw new ConfigError(
      `HUSHLINK_BRAND_NAME must be plain text of at most ${BRAND_NAME_MAX_CHARS} characters without control characters or line breaks, got ${JSON.stringify(env.HUSHLINK_BRAND_NAME)}`,
    )
  }
  return name
}

// Strict forms only, so the value can never close the declaration it is set in; no alpha, as a
// see-through accent would have no contrast to speak of.
const NUM = String.raw`\d{1,3}(?:\.\d+)?%?`
const HUE = String.raw`-?\d{1,3}(?:\.\d+)?(?:deg)?`
const ACCENT_FORMS = [
  /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i,
  new RegExp(String.raw`^rgb\(\s*${NUM}\s+${NUM}\s+${NUM}\s*\)$`, 'i'),
  new RegExp(String.raw`^rgb\(\s*${NUM}\s*,\s*${NUM}\s*,\s*${NUM}\s*\)$`, 'i'),
  new RegExp(String.raw`^hsl\(\s*${HUE}\s+${NUM}\s+${NUM}\s*\)$`, 'i'),
  new RegExp(String.raw`^hsl\(\s*${HUE}\s*,\s*${NUM}\s*,\s*${NUM}\s*\)$`, 'i'),
  new RegExp(String.raw`^oklch\(\s*${NUM}\s+\d(?:\.\d+)?\s+${HUE}\s*\)$`, 'i'),
]

export function accentVar(env: Env): string | null {
  const raw = (env.HUSHLINK_BRAND_ACCENT ?? '').trim()
  if (raw === '') return null
  if (raw.length <= 64 && ACCENT_FORMS.some((form) => form.test(raw))) return raw
  throw new ConfigError(
    `HUSHLINK_BRAND_ACCENT must be a CSS colour as #rgb, #rrggbb, rgb(…), hsl(…) or oklch(…), like #0b7285 or oklch(0.55 0.15 200), got ${JSON.stringify(env.HUSHLINK_BRAND_ACCENT)}`,
  )
}

function httpsUrlVar(env: Env, name: string): string | null {
  const raw = (env[name] ?? '').trim()
  if (raw === '') return null
  try {
    const url = new URL(raw)
    if (url.protocol === 'https:' && !url.username && !url.password) return url.href
  } catch {
    // reported below
  }
  throw new ConfigError(`${name} must be an https:// URL, got ${JSON.stringify(env[name])}`)
}

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
  prefix.every((byte, i) => bytes[at + i] === byte)

/** What the file is, by its first bytes (never by its name): PNG, WebP, or SVG text. */
export function logoTypeOf(bytes: Uint8Array): BrandLogo['contentType'] | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp'
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096))
  } catch {
    return null
  }
  // An SVG file: optional BOM, XML declaration, comments or doctype, then the <svg> element.
  const head = text
    .replace(/^\uFEFF/, '')
    .replace(/^(?:\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '')
  return /^<svg[\s>]/.test(head) ? 'image/svg+xml' : null
}

function logoVar(env: Env): BrandLogo | null {
  const path = (env.HUSHLINK_BRAND_LOGO ?? '').trim()
  if (path === '') return null
  let bytes: Uint8Array
  try {
    const size = statSync(path).size
    if (size > LOGO_MAX_BYTES) {
      throw new ConfigError(
        `HUSHLINK_BRAND_LOGO must be at most ${LOGO_MAX_BYTES / 1024} KiB, ${path} has ${size} bytes`,
      )
    }
    bytes = new Uint8Array(readFileSync(path))
  } catch (err) {
    if (err instanceof ConfigError) throw err
    throw new ConfigError(`HUSHLINK_BRAND_LOGO: cannot read ${path} (${(err as Error).message})`)
  }
  const contentType = logoTypeOf(bytes)
  if (!contentType) {
    throw new ConfigError(`HUSHLINK_BRAND_LOGO must be an SVG, PNG or WebP image, ${path} is not`)
  }
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
  return { bytes, contentType, etag }
}

export function brandVars(env: Env): BrandConfig {
  return {
    name: nameVar(env),
    logo: logoVar(env),
    accent: accentVar(env),
    imprintUrl: httpsUrlVar(env, 'HUSHLINK_IMPRINT_URL'),
    privacyUrl: httpsUrlVar(env, 'HUSHLINK_PRIVACY_URL'),
  }
}
