// The Dockerfile and .dockerignore, read as `docker build` reads them and checked against what the
// server does: its start command, the files it loads, its settings, its health route. No docker.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'
import {
  commandOf,
  copyArgs,
  imageSettings,
  isIgnored,
  parseDockerfile,
  simpleCommands,
  type Stage,
} from './testing/dockerfile'
import { listen, startTestApp } from './testing/test-support'

const ROOT = resolve(import.meta.dirname, '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>
  dependencies: Record<string, string>
  engines: { node: string }
}

const stages = parseDockerfile(read('Dockerfile'))
const buildStage = stages.find((stage) => stage.name === 'build')!
const runtime = stages.at(-1)!
const image = imageSettings(runtime)
const of = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args)
/** Every simple command a stage's RUN instructions run, in order, as words. */
const runs = (stage: Stage) => of(stage, 'RUN').flatMap((args) => simpleCommands(commandOf(args)))

/** The files the server loads, from esbuild's graph of server/index.ts, and the packages it imports. */
async function serverGraph(): Promise<{ files: string[]; packages: Set<string> }> {
  const { metafile } = await build({
    entryPoints: [join(ROOT, 'server/index.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    packages: 'external',
    metafile: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  })
  const imports = Object.values(metafile.inputs).flatMap((input) => input.imports)
  const packages = imports
    .filter((i) => i.external && !i.path.startsWith('node:'))
    .map((i) =>
      i.path
        .split('/')
        .slice(0, i.path.startsWith('@') ? 2 : 1)
        .join('/'),
    )
  return { files: Object.keys(metafile.inputs), packages: new Set(packages) }
}

describe('Dockerfile', () => {
  it('builds in a stage named build and runs in the last, both on the Node major package.json asks for', () => {
    expect(buildStage).toBeDefined()
    expect(runtime).not.toBe(buildStage)
    expect(runtime.image).toBe(buildStage.image)
    const [repository, tag] = runtime.image.split(':')
    expect(repository).toBe('node')
    expect(parseInt(tag)).toBe(parseInt(pkg.engines.node.replace(/^\D+/, '')))
  })

  it('runs npm ci, then npm run build, then npm prune --omit=dev in the build stage, none in the runtime', () => {
    const starts = (words: string[], ...prefix: string[]) => prefix.every((w, i) => words[i] === w)
    const steps = [
      (words: string[]) => starts(words, 'npm', 'ci'),
      (words: string[]) => starts(words, 'npm', 'run', 'build'),
      (words: string[]) => starts(words, 'npm', 'prune') && words.includes('--omit=dev'),
    ]
    const order = steps.map((step) => runs(buildStage).findIndex(step))
    expect(
      order.every((index) => index >= 0),
      String(order),
    ).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    for (const words of runs(runtime)) {
      expect(starts(words, 'npm'), words.join(' ')).toBe(false)
    }
  })

  it("runs package.json's serve script as a non-root USER, and the prune keeps tsx", () => {
    expect(image.cmd?.form).toBe('exec')
    expect(image.cmd?.form === 'exec' && image.cmd.argv.join(' ')).toBe(pkg.scripts.serve)
    expect(image.user).toMatch(/^(?!root$|0$)/)
    const keywords = runtime.instructions.map((i) => i.keyword)
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'))
    // The serve script needs tsx at run time, and the pruned image keeps only dependencies.
    expect(Object.keys(pkg.dependencies)).toContain('tsx')
  })

  it('its ENV makes the server listen on the EXPOSEd port on every interface, its database in the VOLUME', () => {
    const config = loadConfig(image.env)
    expect(image.ports).toEqual([config.port])
    expect(config.host).toBe('0.0.0.0')
    expect(config.databaseUrl).toMatch(/^file:/)
    const dbPath = config.databaseUrl.slice('file:'.length)
    const volume = image.volumes.find((dir) => dbPath.startsWith(dir + '/'))
    expect(volume, dbPath).toBeDefined()
    // …and the USER may write there.
    const chowns = runs(runtime).filter((w) => w[0] === 'chown' && w.includes(volume!))
    expect(chowns.map((w) => w.find((arg) => arg.includes(':'))?.split(':')[0])).toContain(
      image.user,
    )
  })

  it('its HEALTHCHECK exits 0 while the server answers, non-zero once it is gone', async () => {
    expect(image.healthcheck?.form).toBe('exec')
    const argv = image.healthcheck?.form === 'exec' ? image.healthcheck.argv : []
    expect(argv.slice(0, 2)).toEqual(['node', '-e']) // slim has no curl
    const server = await startTestApp()
    const http = await listen(server.app)
    const check = () =>
      promisify(execFile)(process.execPath, argv.slice(1), {
        env: { PORT: new URL(http.origin).port },
        timeout: 10_000,
      }).then(
        () => 0,
        (err: { code?: number }) => err.code ?? -1,
      )
    try {
      expect(await check()).toBe(0)
      await http.close()
      expect(await check()).not.toBe(0)
    } finally {
      await server.close()
    }
  })

  it('copies every file the server loads (dynamic imports too) and the migrations; prunes none of its packages', async () => {
    const copied = runtime.instructions
      .filter((i) => i.keyword === 'COPY')
      .map((i) => copyArgs(i.args))
      .filter((copy) => copy.flags.get('from') === buildStage.name)
      .flatMap((copy) => copy.sources.map((source) => source.replace(/^\/app\//, '')))
    const { files, packages } = await serverGraph()
    expect(files.length).toBeGreaterThan(10)
    const migrations = readdirSync(join(ROOT, 'server/db/migrations'), { recursive: true })
    for (const file of [...files, ...migrations.map((f) => `server/db/migrations/${f}`)]) {
      expect(
        copied.some((source) => file === source || file.startsWith(source + '/')),
        file,
      ).toBe(true)
    }
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'node_modules', 'build']))
    // What `npm prune --omit=dev` keeps: packages the lockfile does not mark dev-only.
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { dev?: boolean }>
    }
    expect(packages.size).toBeGreaterThan(3)
    for (const name of packages) {
      const entry = lock.packages[`node_modules/${name}`]
      expect(entry, name).toBeDefined()
      expect(entry.dev, `${name} is dev-only, so the image would lack it`).not.toBe(true)
    }
  })
})

describe('.dockerignore', () => {
  const dockerignore = read('.dockerignore')

  it('leaves data, secrets and build output out of the build context', () => {
    for (const path of [
      'data/x.db',
      'x.db',
      '.env',
      '.env.local',
      'node_modules/x',
      'build/index.html',
      '.git/HEAD',
    ]) {
      expect(isIgnored(dockerignore, path), path).toBe(true)
    }
  })

  it('keeps the sources and every file the build stage copies by name', () => {
    const named = of(buildStage, 'COPY').flatMap((args) =>
      copyArgs(args).sources.filter((s) => s !== '.'),
    )
    expect(named).toContain('package-lock.json')
    for (const path of ['src/app.html', 'server/index.ts', 'package.json', ...named]) {
      expect(isIgnored(dockerignore, path), path).toBe(false)
    }
  })
})
