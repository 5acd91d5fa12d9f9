// Picks the static file of the bench's static scenario: the hashed asset of the build whose size
// is nearest to the one asked for (precompressed twins aside).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

export interface StaticFileChoice {
  /** URL path, e.g. /_app/immutable/chunks/x.js */
  path: string
  bytes: number
}

export function staticFileNear(buildDir: string, bytes: number): StaticFileChoice | null {
  const assets = join(buildDir, '_app', 'immutable')
  if (!existsSync(join(buildDir, 'index.html')) || !existsSync(assets)) return null
  let best: StaticFileChoice | null = null
  for (const name of readdirSync(assets, { recursive: true, encoding: 'utf8' })) {
    if (name.endsWith('.br') || name.endsWith('.gz')) continue
    const file = join(assets, name)
    const stat = statSync(file)
    if (!stat.isFile()) continue
    if (best && Math.abs(stat.size - bytes) >= Math.abs(best.bytes - bytes)) continue
    best = { path: '/' + relative(buildDir, file).split(sep).join('/'), bytes: stat.size }
  }
  return best
}
