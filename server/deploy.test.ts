// Keeps the deploy recipes (Dockerfile, compose.yaml, deploy/kubernetes) in step with the code:
// the real start command, the files the server loads, the settings it reads. No docker needed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { ConfigError, loadConfig } from './config'
import { startTestApp } from './testing/test-support'

const ROOT = resolve(import.meta.dirname, '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>
  dependencies: Record<string, string>
}

/** Dockerfile instructions (continuation lines joined), grouped by stage. */
function dockerStages(text: string): { from: string; lines: string[] }[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
  const stages: { from: string; lines: string[] }[] = []
  for (const line of instructions) {
    if (/^FROM\s/i.test(line)) stages.push({ from: line, lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

const stages = dockerStages(read('Dockerfile'))
const runtime = stages.at(-1)!
const instruction = (name: string) =>
  runtime.lines.filter((line) => line.startsWith(name + ' ')).map((l) => l.slice(name.length + 1))

/** Source files the server loads, from server/index.ts through its relative imports, and the packages it imports. */
function serverImports(): { files: string[]; packages: string[] } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(
      /^\s*(import|export)\s+(type\s)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    )) {
      if (m[2]) continue // erased at run time
      const spec = m[3]
      if (!spec.startsWith('.')) {
        if (!spec.startsWith('node:'))
          packages.add(
            spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0],
          )
        continue
      }
      const base = resolve(dirname(file), spec)
      const found = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')].find(
        (p) => existsSync(p) && statSync(p).isFile(),
      )
      if (!found) throw new Error(`${relative(ROOT, file)}: cannot resolve ${spec}`)
      visit(found)
    }
  }
  visit(join(ROOT, 'server/index.ts'))
  return { files: [...files].map((f) => relative(ROOT, f)), packages: [...packages] }
}

/** Names in the README's configuration table. */
function readmeSettings(): Set<string> {
  return new Set([...read('README.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]))
}

function yamlDocs(path: string): Record<string, any>[] {
  return parseAllDocuments(read(path)).map((doc) => {
    expect(doc.errors, path).toEqual([])
    return doc.toJS()
  })
}

function manifests(dir: string): { path: string; doc: Record<string, any> }[] {
  return readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) => yamlDocs(join(dir, name)).map((doc) => ({ path: join(dir, name), doc })))
}

const byKind = (docs: { doc: Record<string, any> }[], kind: string) =>
  docs.map((d) => d.doc).filter((d) => d.kind === kind)
const envOf = (container: any) =>
  Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value]))

describe('Dockerfile', () => {
  it('builds in one stage and runs in another, both on node:20-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    for (const stage of stages) expect(stage.from).toMatch(/^FROM node:20-slim\b/)
    const build = stages[0].lines.join('\n')
    expect(build).toMatch(/npm ci\b/)
    expect(build).toMatch(/npm run build\b/)
    expect(build).toMatch(/npm prune --omit=dev\b/)
  })

  it("runs package.json's serve script, as a non-root user, without rebuilding", () => {
    const [cmd] = instruction('CMD')
    expect((JSON.parse(cmd) as string[]).join(' ')).toBe(pkg.scripts.serve)
    expect(instruction('USER')).toEqual(['node'])
    expect(runtime.lines.findIndex((l) => l.startsWith('USER'))).toBeLessThan(
      runtime.lines.findIndex((l) => l.startsWith('CMD')),
    )
    expect(runtime.lines.join('\n')).not.toMatch(/npm (ci|install|run build)/)
    // The serve script needs tsx at run time, and the pruned image keeps only dependencies.
    expect(Object.keys(pkg.dependencies)).toContain('tsx')
  })

  it('keeps data in /data on port 5100 and checks /api/health with node (slim has no curl)', () => {
    expect(instruction('VOLUME')).toEqual(['/data'])
    expect(instruction('EXPOSE')).toEqual(['5100'])
    expect(instruction('ENV').join(' ')).toMatch(/DATABASE_URL=file:\/data\/hushlink\.db/)
    const [health] = instruction('HEALTHCHECK')
    expect(health).toMatch(/CMD \["node", "-e", .*\/api\/health/)
    expect(health).not.toMatch(/curl|wget/)
  })

  it('copies every file the server loads, and prunes no package it imports', () => {
    const copied = instruction('COPY')
      .filter((c) => c.startsWith('--from=build'))
      .map((c) =>
        c
          .split(/\s+/)
          .at(-2)!
          .replace(/^\/app\//, ''),
      )
    const { files, packages } = serverImports()
    expect(files.length).toBeGreaterThan(10)
    for (const file of [...files, 'server/db/migrations/meta/_journal.json']) {
      expect(
        copied.some((dir) => file === dir || file.startsWith(dir + '/')),
        file,
      ).toBe(true)
    }
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'node_modules', 'build']))
    // What `npm prune --omit=dev` keeps: packages the lockfile does not mark dev-only.
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { dev?: boolean }>
    }
    for (const name of packages) {
      const entry = lock.packages[`node_modules/${name}`]
      expect(entry, name).toBeDefined()
      expect(entry.dev, `${name} is dev-only, so the image would lack it`).not.toBe(true)
    }
  })

  it('sends no data, secrets or build output in the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', 'build', '.svelte-kit', 'data', '.env', '.git']),
    )
  })
})

describe('compose.yaml', () => {
  const [compose] = yamlDocs('compose.yaml')
  const app = compose.services.hushlink

  it('runs the image from this Dockerfile on 5100 with a /data volume', () => {
    expect(app.build).toBe('.')
    expect(app.volumes).toEqual(['hushlink-data:/data'])
    expect(app.environment.DATABASE_URL).toBe('${DATABASE_URL:-file:/data/hushlink.db}')
    expect(Object.keys(compose.volumes)).toEqual(
      expect.arrayContaining(['hushlink-data', 'sqld-data']),
    )
  })

  it('publishes the port on loopback only, for a proxy on the host (docs/deploy.md)', () => {
    expect(app.ports).toEqual(['127.0.0.1:${HUSHLINK_PORT:-5100}:5100'])
    expect(read('docs/deploy.md')).toContain('127.0.0.1:${HUSHLINK_PORT:-5100}:5100')
  })

  it('has sqld only under its profile, and the app may start without it', () => {
    expect(compose.services.sqld.profiles).toEqual(['sqld'])
    expect(compose.services.sqld.image).toMatch(
      /^ghcr\.io\/tursodatabase\/libsql-server:v\d+\.\d+\.\d+$/,
    )
    expect(app.depends_on.sqld.required).toBe(false)
  })
})

describe('Kubernetes manifests', () => {
  const single = manifests('deploy/kubernetes/single')
  const scaleOut = manifests('deploy/kubernetes/scale-out')

  it('are well-formed, listed in their kustomization, and their Services select their pods', () => {
    for (const [dir, docs] of [
      ['deploy/kubernetes/single', single],
      ['deploy/kubernetes/scale-out', scaleOut],
    ] as const) {
      const [kustomization] = yamlDocs(`${dir}/kustomization.yaml`)
      const files = new Set(docs.map((d) => relative(dir, d.path)))
      expect(new Set(kustomization.resources)).toEqual(files)
      for (const { doc } of docs) {
        expect(doc.apiVersion).toBeTruthy()
        expect(doc.metadata?.name).toMatch(/^[a-z0-9-]+$/)
      }
      const podLabels = docs.map((d) => d.doc.spec?.template?.metadata?.labels).filter(Boolean)
      for (const service of byKind(docs, 'Service')) {
        const selects = (labels: Record<string, string>) =>
          Object.entries(service.spec.selector).every(([k, v]) => labels[k] === v)
        expect(podLabels.some(selects), service.metadata.name).toBe(true)
      }
    }
  })

  it('single: one replica on a PVC, replaced with Recreate, probed on /api/health', () => {
    const [deployment] = byKind(single, 'Deployment')
    expect(deployment.spec.replicas).toBe(1)
    expect(deployment.spec.strategy.type).toBe('Recreate')
    const [pvc] = byKind(single, 'PersistentVolumeClaim')
    expect(
      deployment.spec.template.spec.volumes.map((v: any) => v.persistentVolumeClaim?.claimName),
    ).toContain(pvc.metadata.name)
    const [container] = deployment.spec.template.spec.containers
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toContain('/data')
    expect(envOf(container).DATABASE_URL).toBe('file:/data/hushlink.db')
  })

  it('scale-out: a sqld StatefulSet and 2+ API replicas that use it', () => {
    const [sqld] = byKind(scaleOut, 'StatefulSet')
    const [api] = byKind(scaleOut, 'Deployment')
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2)
    const url = new URL(envOf(api.spec.template.spec.containers[0]).DATABASE_URL)
    const service = byKind(scaleOut, 'Service').find((s) => s.metadata.name === url.hostname)
    expect(service?.spec.ports.map((p: any) => p.port)).toContain(Number(url.port))
    expect(sqld.spec.template.spec.containers[0].image).toBe(compose.services.sqld.image)
  })

  const [compose] = yamlDocs('compose.yaml')
  const apiContainers = [...byKind(single, 'Deployment'), ...byKind(scaleOut, 'Deployment')].map(
    (d) => d.spec.template.spec.containers[0],
  )

  it('run as non-root on port 5100 with both probes on /api/health', () => {
    for (const container of apiContainers) {
      expect(container.ports[0].containerPort).toBe(5100)
      expect(container.readinessProbe.httpGet.path).toBe('/api/health')
      expect(container.livenessProbe.httpGet.path).toBe('/api/health')
    }
  })

  it('and compose only set settings the server knows (all in the README table)', () => {
    const known = readmeSettings()
    const used = [
      ...apiContainers.flatMap((c) => Object.keys(envOf(c))),
      ...Object.keys(compose.services.hushlink.environment),
    ]
    for (const name of used) expect(known.has(name), name).toBe(true)
  })
})

describe('configuration', () => {
  it('lists every variable server/config.ts reads in the README table', () => {
    const source = read('server/config.ts')
    const names = new Set(
      [
        ...source.matchAll(
          /'((?:HUSHLINK|DATABASE)_[A-Z0-9_]+|PORT|HOST)'|env\.([A-Z][A-Z0-9_]+)/g,
        ),
      ].map((m) => m[1] ?? m[2]),
    )
    const known = readmeSettings()
    expect(names.size).toBeGreaterThan(15)
    expect([...names].filter((name) => !known.has(name))).toEqual([])
  })

  it('refuses a DATABASE_URL that names no libSQL database', () => {
    for (const url of [
      'file:data/x.db',
      'http://sqld:8080',
      'https://db.example',
      'libsql://db-org.turso.io',
      ':memory:',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    }
    for (const url of ['data/x.db', 'postgres://db/x', 'sqlite:x.db']) {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError)
    }
  })

  it('HUSHLINK_SERVE_FRONTEND=false serves the API only', async () => {
    const server = await startTestApp({ HUSHLINK_SERVE_FRONTEND: 'false' })
    try {
      expect(server.config.staticDir).toBeNull()
      expect((await server.app.request('/api/health')).status).toBe(200)
      for (const path of ['/', '/p/AAAAAAAAAAAAAAAAAAAAAA', '/_app/version.json']) {
        const res = await server.app.request(path)
        expect(res.status, path).toBe(404)
        expect(await res.text()).not.toContain('<html')
      }
    } finally {
      await server.close()
    }
  })
})
