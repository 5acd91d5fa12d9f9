// Writes brotli (.br) and gzip (.gz) twins of the built app's text and wasm files, at the highest
// settings: they are made once per build and served many times (server/http/static-index.ts, or
// a host serving the build directory, docs/deploy.md). A twin is written only when it is smaller.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** What is worth compressing: text formats and wasm. Images and fonts are compressed already. */
export const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.wasm',
  '.txt',
  '.xml',
  '.webmanifest',
])

export const ENCODINGS = [
  {
    suffix: '.br',
    compress: (bytes: Buffer, size: number) =>
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: size,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
        },
      }),
  },
  { suffix: '.gz', compress: (bytes: Buffer) => gzipSync(bytes, { level: 9 }) },
] as const

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else if (entry.isFile()) yield path
  }
}

export interface PrecompressStats {
  files: number
  written: number
  bytesBefore: number
  bytesBrotli: number
}

/** Compresses every compressible file under `dir` in place; drops twins that would not be smaller. */
export async function precompressDir(dir: string): Promise<PrecompressStats> {
  const stats: PrecompressStats = { files: 0, written: 0, bytesBefore: 0, bytesBrotli: 0 }
  for await (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue
    const bytes = await readFile(path)
    stats.files++
    stats.bytesBefore += bytes.length
    let brotli = bytes.length
    for (const { suffix, compress } of ENCODINGS) {
      const packed = compress(bytes, bytes.length)
      if (packed.length < bytes.length) {
        await writeFile(path + suffix, packed)
        stats.written++
        if (suffix === '.br') brotli = packed.length
      } else {
        await rm(path + suffix, { force: true }) // a stale twin from an earlier build
      }
    }
    stats.bytesBrotli += brotli
  }
  return stats
}
