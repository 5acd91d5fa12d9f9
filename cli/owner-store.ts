// The local file of owner tokens (pushes.json, mode 0600): what delete and audit need later.
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { PushKind } from '../src/lib/protocol'
import { CliError } from './io'

export interface StoredPush {
  id: string
  ownerToken: string
  /** The origin the push lives on; its owner token is only ever sent there. */
  server: string
  createdAt: string
  expiresAt: string
  kind: PushKind
  label?: string
  /** The full link, only with --remember. */
  link?: string
}

interface StoreFile {
  version: 1
  pushes: StoredPush[]
}

const LOCK_WAIT_MS = 5_000
const LOCK_STALE_MS = 30_000

/** HUSHLINK_HOME, else $XDG_CONFIG_HOME/hushlink, else ~/.config/hushlink. */
export function storeDirectory(env: Record<string, string | undefined>): string {
  if (env.HUSHLINK_HOME) return env.HUSHLINK_HOME
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(config, 'hushlink')
}

export function createOwnerStore(directory: string) {
  const path = join(directory, 'pushes.json')

  async function read(): Promise<StoreFile> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, pushes: [] }
      throw error
    }
    try {
      const parsed = JSON.parse(text) as StoreFile
      if (parsed.version === 1 && Array.isArray(parsed.pushes)) return parsed
    } catch {
      // fall through: never overwrite a file we cannot read, it may hold the only owner tokens
    }
    throw new CliError(`${path} is not a Hushlink owner-token file; fix or move it`)
  }

  /** Read-modify-write under a lock file, then an atomic rename, so parallel pushes lose nothing. */
  async function update(change: (pushes: StoredPush[]) => StoredPush[]): Promise<void> {
    await mkdir(directory, { recursive: true, mode: 0o700 })
    const release = await lock(path + '.lock')
    try {
      const current = await read()
      const next: StoreFile = { version: 1, pushes: change(current.pushes) }
      const temporary = `${path}.${process.pid}.tmp`
      const file = await open(temporary, 'w', 0o600)
      try {
        await file.writeFile(JSON.stringify(next, null, 2) + '\n')
        await file.sync()
      } finally {
        await file.close()
      }
      await chmod(temporary, 0o600)
      await rename(temporary, path)
    } finally {
      await release()
    }
  }

  return {
    path,
    list: async () => (await read()).pushes,
    add: (push: StoredPush) =>
      update((pushes) => [...pushes.filter((p) => p.id !== push.id), push]),
    find: async (id: string) => (await read()).pushes.find((p) => p.id === id) ?? null,
  }
}

export type OwnerStore = ReturnType<typeof createOwnerStore>

async function lock(lockPath: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      await (await open(lockPath, 'wx', 0o600)).close()
      return () => rm(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const age = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    )
    if (age > LOCK_STALE_MS) await rm(lockPath, { force: true })
    else if (Date.now() > deadline) throw new CliError(`${lockPath} is held by another hushlink`)
    else await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30))
  }
}
