// The recipient page's first requests, before the app. build-plugins/recipient-early.ts bundles
// this file on its own (a few kB: BLAKE2b, the HTTP client, the language choice), and index.html
// runs it on recipient paths only, beside the app's scripts. As soon as it is in, while the app
// (~70 kB compressed) still downloads, it asks for the push's metadata and preloads the messages
// the app will load (the page's language and the English fallback): on a slow network both
// arrive before the app has run, instead of a round trip after it (issue 17). The app takes the
// metadata over (recipient-early-handoff.ts); its own import of the messages finds them loaded.
// It reads the key from the fragment as the app does, derives the link token, and keeps neither.
import { createApiClient } from '$lib/api/client'
import { fromBase64Url, toBase64Url } from '$lib/crypto/base64url'
import { deriveLinkToken } from '$lib/crypto/link-token'
import { pageLocale, SOURCE_LOCALE } from '$lib/i18n/page-locale'
import { SHIPPED_LOCALES } from '$lib/i18n/shipped-locales'
import { ID_PATTERN, TOKEN_PATTERN } from '$lib/protocol/vocabulary'
import { leaveEarlyMetadata } from './recipient-early-handoff'

/** Locale → its messages' chunk in the app's build, put here by the build plugin. */
declare const __HUSHLINK_LOCALE_CHUNKS__: Record<string, string>

const [, urlLocale, id] = /^\/(?:([^/]+)\/)?p\/([^/]+)\/?$/.exec(location.pathname) ?? []
const fragment = location.hash.slice(1)
// Only a push id and a key as the app accepts them: for anything else it asks nothing.
if (id && ID_PATTERN.test(id) && TOKEN_PATTERN.test(fragment)) {
  try {
    const linkToken = toBase64Url(deriveLinkToken(fromBase64Url(fragment)))
    leaveEarlyMetadata({ id, linkToken, metadata: createApiClient().getPush(id, linkToken) })
  } catch {
    // Not a key: the app tells the recipient so.
  }
}

// As the root layout chooses (src/routes/+layout.ts, setup.ts).
for (const code of new Set([pageLocale(urlLocale, SHIPPED_LOCALES), SOURCE_LOCALE])) {
  const chunk = __HUSHLINK_LOCALE_CHUNKS__[code]
  if (!chunk) continue
  const link = document.createElement('link')
  link.rel = 'modulepreload'
  link.href = '/' + chunk
  document.head.appendChild(link)
}
