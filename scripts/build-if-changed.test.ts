import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildIfChanged, STAMP_FILE } from './build-if-changed'

let root: string
let builds: number
let exitStatus: number

const outDir = () => join(root, 'build')
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), text)
}
/** A stand-in for vite build: writes index.html, or fails. */
const runBuild = () => {
  builds++
  if (exitStatus === 0) write('build/index.html', '<!doctype html>')
  return exitStatus
}
const start = (env: Record<string, string> = {}, force = false) =>
  buildIfChanged({ root, outDir: outDir(), env, force, runBuild, log: () => {} })

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hushlink-build-if-changed-'))
  builds = 0
  exitStatus = 0
  write('src/app.html', '<html>')
  write('src/lib/page.svelte', '<p>one</p>')
  write('locales/en.json', '{}')
  write('vite.config.ts', 'export default {}')
  write('package-lock.json', '{}')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('build-if-changed', () => {
  it('builds when there is no build (a fresh clone), then skips while nothing changed', () => {
    expect(start().plan.reason).toBe('no build')
    expect(builds).toBe(1)
    expect(start().plan).toMatchObject({ build: false, reason: 'unchanged' })
    expect(builds).toBe(1)
  })

  it('rebuilds when a source, a translation, the lock file or the build environment changed', () => {
    start()
    const changes = [
      () => write('src/lib/page.svelte', '<p>two</p>'),
      () => write('src/lib/new.ts', 'export {}'),
      () => write('locales/de.json', '{}'),
      () => write('package-lock.json', '{"v":2}'),
    ]
    for (const change of changes) {
      change()
      expect(start().plan.reason).toBe('changed')
    }
    expect(start({ PUBLIC_API_ORIGIN: 'https://api.example.com' }).plan.reason).toBe('changed')
    expect(builds).toBe(6)
    expect(start({ PUBLIC_API_ORIGIN: 'https://api.example.com' }).plan.build).toBe(false)
  })

  it('ignores tests and files the build does not read', () => {
    start()
    write('src/lib/page.test.ts', 'test')
    write('server/index.ts', 'server')
    write('README.md', 'docs')
    expect(start().plan.build).toBe(false)
  })

  it('builds again after a failed build, even with the sources put back, or without build/', () => {
    start()
    write('src/lib/page.svelte', '<p>broken</p>')
    exitStatus = 1
    expect(start().status).toBe(1)
    exitStatus = 0
    write('src/lib/page.svelte', '<p>one</p>') // as at the last good build
    expect(start().plan.build).toBe(true)
    rmSync(outDir(), { recursive: true })
    expect(start().plan.reason).toBe('no build')
    rmSync(join(outDir(), STAMP_FILE))
    expect(start().plan.reason).toBe('no build')
    expect(start({}, true).plan.reason).toBe('forced')
  })
})
