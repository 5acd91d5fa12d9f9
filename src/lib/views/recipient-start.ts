// The recipient page's first requests, started by the route's load as soon as it knows the id,
// before the view mounts: the metadata request and libsodium's loading run side by side (the link
// token needs no libsodium, see src/lib/crypto/link-token.ts). The view takes them over once.
// When index.html's early script (recipient-early.ts) has asked for the metadata already, before
// the app had arrived, that answer is taken instead.
import { fetchMetadata, openLink, type OpenedLink } from '$lib/api/push-flow'
import type { ApiResult } from '$lib/api/http'
import { loadSodium } from '$lib/crypto'
import type { PushMetadata } from '$lib/protocol'
import { api } from '$lib/stores/api'
import { takeEarlyMetadata } from './recipient-early-handoff'
import { stateForLink } from './recipient-state'

export interface RecipientRequests {
  /** Rejects when the fragment is no key (EncodingError, RangeError). */
  link: Promise<OpenedLink>
  /** Rejects when libsodium cannot load: then no view may be spent on a reveal. */
  sodium: Promise<unknown>
  metadata: Promise<ApiResult<PushMetadata>>
}

let started: { id: string; fragment: string; requests: RecipientRequests } | null = null

/** Starts the requests for a link (a malformed one is the view's to report). */
export function recipientRequests(id: string, fragment: string): RecipientRequests {
  const sodium = loadSodium()
  const link = openLink(id, fragment)
  const metadata = link.then(
    async (opened) =>
      (await takeEarlyMetadata(opened.id, opened.linkToken)) ?? fetchMetadata(api, opened),
  )
  // Whoever awaits them handles their failures; until then they are not unhandled.
  for (const promise of [sodium, link, metadata]) promise.catch(() => {})
  return { link, sodium, metadata }
}

/**
 * Called by the root layout's load and the route's load, once per link. Only for the page's own
 * URL: a client-side navigation runs the load before `location` changes, and the old fragment is
 * no key to this push.
 */
export function startRecipient(id: string, url: URL): void {
  if (url.pathname !== location.pathname) return
  const fragment = location.hash.slice(1)
  // The root layout's load starts them before the language; the page's load then finds them.
  if (started?.id === id && started.fragment === fragment) return
  if (stateForLink(id, fragment)) return
  started = { id, fragment, requests: recipientRequests(id, fragment) }
}

/** The requests started for this link, once; a later check (a retry) starts its own. */
export function takeRecipientRequests(id: string, fragment: string): RecipientRequests {
  const early = started?.id === id && started.fragment === fragment ? started.requests : null
  started = null
  return early ?? recipientRequests(id, fragment)
}
