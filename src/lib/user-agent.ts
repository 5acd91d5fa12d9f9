// A user agent in words ("Chrome 156 on Linux"), for the audit trail in the web app and the CLI.
// The server keeps and sends the raw string; only its readers parse it, with bowser (MIT).
import { parse } from 'bowser'

export interface UserAgentParts {
  /** "Chrome 156": the browser's name and major version; a bot's name alone. */
  browser: string
  /** "Linux", "iOS": the system's name only, since browsers now freeze its version. */
  os: string | null
  /** A crawler or link-preview fetcher (Googlebot, Slackbot…), not a person's browser. */
  bot: boolean
}

/** The sentence around the parts, in the reader's language. */
export interface UserAgentPhrases {
  browserOnOs(browser: string, os: string): string
  bot(name: string): string
}

export const ENGLISH_PHRASES: UserAgentPhrases = {
  browserOnOs: (browser, os) => `${browser} on ${os}`,
  bot: (name) => `${name} (automated)`,
}

// Names come from bowser's tables, but an unknown agent's may be cut from the string itself:
// only plain words pass, so nothing a client sent can pose as a parsed name.
const PLAIN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u

const plain = (name: string | undefined) => (name && PLAIN_NAME.test(name) ? name : null)

/** The parts of a user agent bowser recognises, or null (unknown, empty or absent). */
export function userAgentParts(raw: string | null | undefined): UserAgentParts | null {
  if (!raw) return null
  const { browser, os, platform } = parse(raw)
  const name = plain(browser.name)
  if (!name) return null
  const bot = platform.type === 'bot'
  const major = /^\d+/.exec(browser.version ?? '')?.[0]
  return {
    browser: major && !bot ? `${name} ${major}` : name,
    os: bot ? null : plain(os.name),
    bot,
  }
}

/** "Chrome 156 on Linux", "Googlebot (automated)", or null when it cannot be told. */
export function describeUserAgent(
  raw: string | null | undefined,
  phrases: UserAgentPhrases = ENGLISH_PHRASES,
): string | null {
  const parts = userAgentParts(raw)
  if (!parts) return null
  if (parts.bot) return phrases.bot(parts.browser)
  return parts.os ? phrases.browserOnOs(parts.browser, parts.os) : parts.browser
}
