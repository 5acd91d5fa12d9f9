// Files in the CLI: `push --file PATH…` reads them as streams for sealing, and the reveal of a
// file push writes them into `--out DIR` under safe, new names (never over an existing file).
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ApiClient } from '../src/lib/api/client'
import type { ReceivedFile } from '../src/lib/api/file-flow'
import { FILE_CHUNK_BYTES, type FileSource } from '../src/lib/crypto'
import { formatBytes } from '../src/lib/byte-size'
import { safeFileNames } from '../src/lib/file-names'
import { apiFailure } from './api-failure'
import { CliError, usageError, type Output } from './io'
import { printableField } from './terminal-text'

/** "8 MiB", "46 bytes": the unit system of the web app and the docs, with a plain space. */
const size = (bytes: number) => formatBytes(bytes, 'en', (unit, amount) => `${amount} ${unit}`)

/** The files to push, checked against the server's limits before anything is encrypted. */
export async function fileSources(
  paths: string[],
  api: ApiClient,
  server: string,
): Promise<FileSource[]> {
  const config = await api.config()
  if (!config.ok) throw apiFailure(config.status, config.error, server)
  const { limits, features } = config.data
  if (!features.files) throw new CliError(`${server} does not take file pushes`)
  if (paths.length > limits.maxFiles) {
    throw usageError(`${server} takes at most ${limits.maxFiles} files per push`)
  }
  const sources: FileSource[] = []
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${path}: ${error.code ?? error.message}`)
    })
    if (!info.isFile()) throw usageError(`${path} is not a file`)
    sources.push({
      name: basename(path),
      type: '',
      size: info.size,
      read: () => createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES }),
    })
  }
  const total = sources.reduce((sum, f) => sum + f.size, 0)
  if (total > limits.maxFileBytes) {
    throw usageError(
      `the files total ${size(total)}; ${server} takes at most ${size(limits.maxFileBytes)}`,
    )
  }
  return sources
}

/** A progress line on a terminal (rewritten in place); nothing when stderr is not one. */
export function progressLine(stderr: Output): (label: string, done: number, total: number) => void {
  let shown = -1
  return (label, done, total) => {
    if (!stderr.isTTY) return
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100
    if (percent === shown) return
    shown = percent
    stderr.write(`\r${label} ${percent}%${percent === 100 ? '\n' : ''}`)
  }
}

/** Makes `--out DIR` ready before a view is used: created (0700) if missing, else a directory. */
export async function prepareOutDirectory(path: string | undefined): Promise<string> {
  if (path === undefined) throw usageError('this is a file push: give --out DIR to save its files')
  await mkdir(path, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    throw usageError(`cannot create ${path}: ${error.code}`)
  })
  if (!(await stat(path)).isDirectory()) throw usageError(`${path} is not a directory`)
  return path
}

/**
 * Writes each file as a new file (mode 0600) under its sanitised name, made unique against what
 * the directory holds. Returns the paths written.
 */
export async function saveFiles(directory: string, files: ReceivedFile[]): Promise<string[]> {
  const names = safeFileNames(
    files.map((f) => f.name),
    await readdir(directory),
  )
  const written: string[] = []
  for (const [i, file] of files.entries()) {
    const path = join(directory, names[i])
    const handle = await open(path, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot create ${path}: ${error.code}`)
    })
    try {
      for (const part of file.parts) await handle.write(part)
    } catch (error) {
      await handle.close()
      await rm(path, { force: true })
      throw error
    }
    await handle.close()
    written.push(path)
  }
  return written
}

/** Paths for stdout, one per line, made safe for a terminal (the names came from the sender). */
export function listedPaths(paths: string[]): string {
  return paths.map((path) => printableField(path, 4096)).join('\n') + '\n'
}
