import type { Client } from '@libsql/client'
import { describe, expect, it } from 'vitest'
import { isBusy, retryWhenBusy, withRetries } from './busy-retry'

const busy = () =>
  Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' })
const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2, retryOn: isBusy }

/** A client whose calls fail with the given errors first, then answer with their arguments. */
function flakyClient(failures: Error[]) {
  const calls: unknown[][] = []
  const client = {
    name: 'client',
    async execute(...args: unknown[]) {
      calls.push(args)
      const failure = failures.shift()
      if (failure) throw failure
      return { self: this.name, args }
    },
    async batch(...args: unknown[]) {
      return this.execute(...args)
    },
  }
  return { client: client as unknown as Client, calls }
}

describe('retryWhenBusy', () => {
  it('runs a statement again while the server answers SQLITE_BUSY', async () => {
    const { client, calls } = flakyClient([busy(), busy()])
    retryWhenBusy(client, fast)
    expect(await client.batch(['UPDATE x'], 'write')).toEqual({
      self: 'client',
      args: [['UPDATE x'], 'write'],
    })
    expect(calls).toHaveLength(3)
  })

  it('gives up after the last attempt with the BUSY error', async () => {
    const { client, calls } = flakyClient([busy(), busy(), busy(), busy(), busy()])
    retryWhenBusy(client, fast)
    await expect(client.execute('SELECT 1')).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    expect(calls).toHaveLength(4)
  })

  it('never repeats a statement that failed for another reason', async () => {
    const constraint = Object.assign(new Error('UNIQUE constraint failed'), {
      code: 'SQLITE_CONSTRAINT',
    })
    const { client, calls } = flakyClient([constraint])
    retryWhenBusy(client, fast)
    await expect(client.execute('INSERT x')).rejects.toBe(constraint)
    expect(calls).toHaveLength(1)
  })
})

describe('withRetries', () => {
  it('retries what retryOn allows, with the default giving up on anything else', async () => {
    let runs = 0
    const task = async () => (++runs < 3 ? Promise.reject(new Error('table exists')) : 'migrated')
    expect(await withRetries(task, { ...fast, retryOn: () => true })).toBe('migrated')
    expect(isBusy(new Error('x'))).toBe(false)
    expect(isBusy({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(true)
  })
})
