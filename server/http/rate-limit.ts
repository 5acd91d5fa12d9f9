// Per-IP rate limits, in memory and per process: token buckets for create, reveal and failed
// attempts, with least-recently-seen eviction so memory stays bounded however many clients knock.
import type { Context, MiddlewareHandler } from 'hono'
import { clientAddress, ipv6Groups, unmapped } from './client-ip'
import type { RateLimitConfig, RateRule } from '../config'
import { HttpError } from './http-error'

interface Bucket {
  tokens: number
  at: number
}

/** Token buckets keyed by client: `limit` at once, refilled evenly over the window. */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>()
  readonly #perMs: number

  constructor(
    private readonly rule: RateRule,
    private readonly maxClients: number,
    private readonly clock: () => number,
  ) {
    this.#perMs = rule.limit / (rule.windowSeconds * 1000)
  }

  get size(): number {
    return this.#buckets.size
  }

  /** The bucket as it stands now, moved to the most-recently-seen end. */
  #current(key: string): Bucket {
    const now = this.clock()
    const old = this.#buckets.get(key)
    const bucket = old
      ? {
          tokens: Math.min(this.rule.limit, old.tokens + Math.max(0, now - old.at) * this.#perMs),
          at: now,
        }
      : { tokens: this.rule.limit, at: now }
    this.#buckets.delete(key)
    this.#buckets.set(key, bucket)
    // A forgotten client starts with a full bucket; the oldest entries are the likeliest to be full.
    while (this.#buckets.size > this.maxClients)
      this.#buckets.delete(this.#buckets.keys().next().value!)
    return bucket
  }

  #wait(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000))
  }

  /** Takes one token: 0 if allowed, else the seconds until one is back. */
  take(key: string): number {
    const bucket = this.#current(key)
    if (bucket.tokens < 1) return this.#wait(bucket)
    bucket.tokens -= 1
    return 0
  }

  /** Gives back a token take() spent on something that turned out not to count. */
  refund(key: string): void {
    const bucket = this.#current(key)
    bucket.tokens = Math.min(this.rule.limit, bucket.tokens + 1)
  }
}

/** IPv4 as is; IPv6 by its /64, the block one subscriber usually holds, however it is spelled. */
export function rateKeyOf(address: string): string {
  const plain = unmapped(address)
  const groups = ipv6Groups(plain)
  if (!groups) return plain
  return (
    groups
      .slice(0, 4)
      .map((g) => g.toString(16))
      .join(':') + '::/64'
  )
}

/**
 * The bucket key of a request, or null for an in-process call (app.request() in tests), which has
 * no client at all. Over a socket, a request whose address is unknown shares one bucket.
 */
export function clientKey(c: Context, trustProxy: boolean): string | null {
  const address = clientAddress(c, trustProxy)
  if (address) return rateKeyOf(address)
  return (c.env as { incoming?: unknown } | undefined)?.incoming ? 'unknown' : null
}

/**
 * Answers that spend the failure token. 410 too: reading an ended push with its link answers 410
 * and counts a failed view on the push; refunded, it cost nothing, so whoever held a used link
 * could write to the database and swell the owner's "failed views" count without end.
 */
const FAILURE_STATUSES = new Set([401, 403, 404, 410])
const CREATE_PATH = /^\/api\/(pushes|pushes\/files|requests|requests\/[^/]+\/answers)$/

function rateLimited(seconds: number): HttpError {
  return new HttpError(
    429,
    'rate_limited',
    `Too many requests from your address. Try again in ${seconds} seconds.`,
    {},
    { 'Retry-After': String(seconds) },
  )
}

/**
 * Guards /api/pushes/* and /api/requests/* with ONE set of per-client buckets, mounted on both:
 * creating and revealing (or burning) spend their own buckets, and every other request spends a
 * failure token BEFORE it is handled, refunded unless it ends in a 401/403/404/410. So however many
 * arrive at once, no more than the bucket holds are ever handled (and written to the trail).
 */
export function rateLimits(
  config: RateLimitConfig,
  trustProxy: boolean,
  clock: () => number,
): MiddlewareHandler {
  const create = new TokenBuckets(config.create, config.maxClients, clock)
  const reveal = new TokenBuckets(config.reveal, config.maxClients, clock)
  const failures = new TokenBuckets(config.failures, config.maxClients, clock)

  return async (c, next) => {
    const key = config.enabled ? clientKey(c, trustProxy) : null
    if (key === null) return next()
    const path = c.req.path.replace(/\/+$/, '')
    const post = c.req.method === 'POST'
    // Creating (text or files, a request or an answer to one) is not yet acting on a push;
    // GET …/answers is the requester's listing, a read like any other.
    const creating = CREATE_PATH.test(path) && (post || !path.endsWith('/answers'))
    const reserved = !creating
    if (reserved) {
      const wait = failures.take(key)
      if (wait) throw rateLimited(wait)
    }
    const bucket = !post ? null : creating ? create : /\/(reveal|burn)$/.test(path) ? reveal : null
    const wait = bucket?.take(key)
    if (wait) {
      if (reserved) failures.refund(key)
      throw rateLimited(wait)
    }
    await next()
    if (reserved && !FAILURE_STATUSES.has(c.res.status)) failures.refund(key)
  }
}
