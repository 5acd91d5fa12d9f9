// The storage quota of file uploads: bytes one client may store per window. In memory and per
// process like the rate limits, and keyed the same way (clientKey), so a flood of large uploads
// from one address cannot fill the disk however slowly it is sent.
import type { Config } from '../config'
import { HttpError } from '../http/http-error'

interface Usage {
  since: number
  bytes: number
}

export class UploadQuota {
  readonly #usage = new Map<string, Usage>()

  constructor(
    private readonly rule: Config['fileQuota'],
    private readonly maxClients: number,
    private readonly clock: () => number,
  ) {}

  /**
   * Throws 429 quota_exceeded when `bytes` more would take `client` (null: an in-process call,
   * which has no client) past the quota of its current window.
   */
  ensureRoom(client: string | null, bytes: number): void {
    if (client === null || this.rule.bytes === 0) return
    const usage = this.#current(client)
    if (usage.bytes + bytes <= this.rule.bytes) return
    const seconds = Math.max(1, Math.ceil((usage.since + this.#windowMs - this.clock()) / 1000))
    throw new HttpError(
      429,
      'quota_exceeded',
      `Your address has uploaded as much as this server allows for now. Try again in ${seconds} seconds.`,
      {},
      // Often answered before the body is all read: the client may read it and stop sending.
      { 'Retry-After': String(seconds), Connection: 'close' },
    )
  }

  /** Counts `bytes` more for `client`, or throws as ensureRoom does, counting nothing. */
  charge(client: string | null, bytes: number): void {
    this.ensureRoom(client, bytes)
    if (client !== null && this.rule.bytes > 0) this.#current(client).bytes += bytes
  }

  /** Gives back bytes of an upload that stored nothing in the end. */
  refund(client: string | null, bytes: number): void {
    const usage = client === null ? undefined : this.#usage.get(client)
    if (usage) usage.bytes = Math.max(0, usage.bytes - bytes)
  }

  get #windowMs(): number {
    return this.rule.windowSeconds * 1000
  }

  /** The client's usage in its current window, moved to the most-recently-seen end. */
  #current(client: string): Usage {
    const now = this.clock()
    const old = this.#usage.get(client)
    const usage = old && now - old.since < this.#windowMs ? old : { since: now, bytes: 0 }
    this.#usage.delete(client)
    this.#usage.set(client, usage)
    while (this.#usage.size > this.maxClients) this.#usage.delete(this.#usage.keys().next().value!)
    return usage
  }
}
