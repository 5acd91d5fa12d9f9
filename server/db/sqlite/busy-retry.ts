// Retries statements and batches that a libSQL server refused with SQLITE_BUSY. When several API
// processes write at once, sqld answers BUSY instead of queueing a transaction for long. A BUSY
// statement or batch committed nothing (the client rolls the batch's transaction back), so running
// it again is safe, and every store write is conditional, so a retry can never act twice.
import type { Client } from '@libsql/client'

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number
  /** First back-off; it doubles per try (with jitter) up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** Which failures are worth another try; the rest are thrown at once. */
  retryOn: (err: unknown) => boolean
}

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

const BUSY: RetryOptions = { attempts: 12, baseDelayMs: 5, maxDelayMs: 500, retryOn: isBusy }

/** Runs `task`, again after a jittered, doubling back-off while it fails as `retryOn` allows. */
export async function withRetries<T>(
  task: () => Promise<T>,
  options: RetryOptions = BUSY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task()
    } catch (err) {
      if (attempt >= options.attempts || !options.retryOn(err)) throw err
      const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1))
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())))
    }
  }
}

/** Makes `client.execute` and `client.batch` (all the store and drizzle use) retry on SQLITE_BUSY. */
export function retryWhenBusy(client: Client, options: RetryOptions = BUSY): Client {
  const { execute, batch } = client
  const retrying =
    (method: (...args: never[]) => unknown) =>
    (...args: unknown[]) =>
      withRetries(async () => Reflect.apply(method, client, args), options)
  client.execute = retrying(execute) as Client['execute']
  client.batch = retrying(batch) as Client['batch']
  return client
}
