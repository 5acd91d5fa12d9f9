import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { precompressDir } from './precompress'

describe('precompressDir', () => {
  it('writes twins that decompress to the file, only when smaller, and drops stale ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hushlink-precompress-'))
    try {
      const js = 'export const x = 1\n'.repeat(100)
      writeFileSync(join(dir, 'app.js'), js)
      writeFileSync(join(dir, 'a.txt'), 'a')
      writeFileSync(join(dir, 'a.txt.gz'), 'stale twin of an earlier build')
      writeFileSync(join(dir, 'photo.png'), js) // not a compressible type
      const stats = await precompressDir(dir)
      expect(stats.files).toBe(2)
      expect(brotliDecompressSync(readFileSync(join(dir, 'app.js.br'))).toString()).toBe(js)
      expect(gunzipSync(readFileSync(join(dir, 'app.js.gz'))).toString()).toBe(js)
      expect(existsSync(join(dir, 'a.txt.br'))).toBe(false)
      expect(existsSync(join(dir, 'a.txt.gz'))).toBe(false)
      expect(existsSync(join(dir, 'photo.png.br'))).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
