// The owner-token file: where it lives, who may read it, and no lost writes.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOwnerStore, storeDirectory, type StoredPush } from './owner-store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const push = (id: string): StoredPush => ({
  id,
  ownerToken: 'T'.repeat(43),
  server: 'http://localhost:5100',
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-08T00:00:00.000Z',
  kind: 'text',
})

describe('storeDirectory', () => {
  it('is HUSHLINK_HOME, else XDG_CONFIG_HOME/hushlink, else ~/.config/hushlink', () => {
    expect(storeDirectory({ HUSHLINK_HOME: '/x', XDG_CONFIG_HOME: '/y', HOME: '/h' })).toBe('/x')
    expect(storeDirectory({ XDG_CONFIG_HOME: '/y', HOME: '/h' })).toBe('/y/hushlink')
    expect(storeDirectory({ HOME: '/h' })).toBe('/h/.config/hushlink')
  })
})

describe('createOwnerStore', () => {
  it('creates the directory 0700 and the file 0600', async () => {
    const home = join(dir, 'nested', 'hushlink')
    const store = createOwnerStore(home)
    expect(await store.list()).toEqual([])
    await store.add(push('a'))
    expect(statSync(home).mode & 0o777).toBe(0o700)
    expect(statSync(store.path).mode & 0o777).toBe(0o600)
    expect(await store.find('a')).toEqual(push('a'))
    expect(await store.find('b')).toBeNull()
  })

  it('tightens a file that was readable by others', async () => {
    const store = createOwnerStore(dir)
    writeFileSync(store.path, JSON.stringify({ version: 1, pushes: [] }), { mode: 0o644 })
    await store.add(push('a'))
    expect(statSync(store.path).mode & 0o777).toBe(0o600)
  })

  it('loses no record when many pushes save at once', async () => {
    const store = createOwnerStore(dir)
    const ids = Array.from({ length: 25 }, (_, i) => `push-${i}`)
    await Promise.all(ids.map((id) => createOwnerStore(dir).add(push(id))))
    expect((await store.list()).map((p) => p.id).sort()).toEqual([...ids].sort())
  })

  it('refuses to read, and so to overwrite, a file it does not understand', async () => {
    const store = createOwnerStore(dir)
    writeFileSync(store.path, '{ not json')
    await expect(store.list()).rejects.toThrow('not a Hushlink owner-token file')
    await expect(store.add(push('a'))).rejects.toThrow('not a Hushlink owner-token file')
    expect(readFileSync(store.path, 'utf8')).toBe('{ not json')
  })
})
