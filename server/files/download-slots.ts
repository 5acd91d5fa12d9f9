// Admission of file downloads, decided before a reveal spends anything (a passphrase check, a
// view): a few at once per client, and all of them together within the memory set aside.
import { ByteBudget } from './byte-budget'
import { HttpError } from '../http/http-error'

/** Seconds a refused recipient is told to wait: downloads end or are dropped within a window. */
const RETRY_AFTER_SECONDS = '5'

export class DownloadSlots {
  readonly #running = new Map<string, number>()
  readonly #memory: ByteBudget

  constructor(
    private readonly perClient: number,
    memoryBytes: number,
  ) {
    this.#memory = new ByteBudget(memoryBytes)
  }

  /**
   * A slot for one download by `client` (null: an in-process call, which has no client) holding
   * `bytes` of memory; returns the function that gives it back. Throws 429 when the client runs
   * its most downloads already, 503 when the memory is taken.
   */
  take(client: string | null, bytes: number): () => void {
    const running = client === null ? 0 : (this.#running.get(client) ?? 0)
    if (running >= this.perClient) {
      throw new HttpError(
        429,
        'too_many_downloads',
        `At most ${this.perClient} downloads at once from your address. Try again when one ends.`,
        {},
        { 'Retry-After': RETRY_AFTER_SECONDS },
      )
    }
    const freeMemory = this.#memory.take(bytes)
    if (!freeMemory) {
      throw new HttpError(
        503,
        'busy',
        'Many downloads are running. Try again in a few seconds.',
        {},
        { 'Retry-After': RETRY_AFTER_SECONDS },
      )
    }
    if (client !== null) this.#running.set(client, running + 1)
    let given = false
    return () => {
      if (given) return
      given = true
      freeMemory()
      if (client === null) return
      const left = (this.#running.get(client) ?? 1) - 1
      if (left > 0) this.#running.set(client, left)
      else this.#running.delete(client)
    }
  }
}
