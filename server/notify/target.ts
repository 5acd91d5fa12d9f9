// Where a webhook may be sent: an http(s) URL whose host resolves only to addresses the policy
// allows. The address checked is the one connected to (deliver.ts pins it), so a DNS answer that
// changes between the check and the connection (rebinding) cannot reach an internal host.
import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { HttpError } from '../http/http-error'
import { refusedAddress } from './address-policy'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

export type Lookup = (host: string) => Promise<ResolvedAddress[]>

export class WebhookRefused extends Error {}

const LOOKUP_TIMEOUT_MS = 5000

export const systemLookup: Lookup = async (host) => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WebhookRefused('its host did not resolve in time')),
      LOOKUP_TIMEOUT_MS,
    )
  })
  try {
    const found = await Promise.race([dnsLookup(host, { all: true, verbatim: true }), timeout])
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }))
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The address to connect to for `url`. Every address its host resolves to must be allowed (one
 * refused among them refuses all: a resolver may hand out any of them). Throws WebhookRefused.
 */
export async function resolveWebhookTarget(
  url: string,
  allowPrivate: boolean,
  lookup: Lookup = systemLookup,
): Promise<ResolvedAddress> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new WebhookRefused('it is not a URL')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new WebhookRefused('only http and https are allowed')
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1')
  const literal = isIP(host)
  let addresses: ResolvedAddress[]
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }]
  else {
    try {
      addresses = await lookup(host)
    } catch (error) {
      if (error instanceof WebhookRefused) throw error
      throw new WebhookRefused('its host does not resolve')
    }
  }
  if (addresses.length === 0) throw new WebhookRefused('its host does not resolve')
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const why = refusedAddress(address)
      if (why) throw new WebhookRefused(`its host resolves to a ${why} address`)
    }
  }
  return addresses[0]
}

/** A create body's webhook, refused with 400 webhook_refused when it may not be called. */
export async function admitWebhook(
  webhook: { url: string } | null,
  allowPrivate: boolean,
  lookup: Lookup | undefined,
): Promise<void> {
  if (!webhook) return
  try {
    await resolveWebhookTarget(webhook.url, allowPrivate, lookup ?? systemLookup)
  } catch (error) {
    if (!(error instanceof WebhookRefused)) throw error
    throw new HttpError(400, 'webhook_refused', `The webhook is refused: ${error.message}.`)
  }
}
