// compose.yaml and deploy/kubernetes, read as Compose and Kubernetes read them and checked against
// the Dockerfile's image and the settings loadConfig really reads; and the README's table of them.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { ConfigError, loadConfig } from './config'
import { interpolateAll, portMapping } from './testing/compose'
import { imageSettings, parseDockerfile } from './testing/dockerfile'
import { startTestApp } from './testing/test-support'

const ROOT = resolve(import.meta.dirname, '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const image = imageSettings(parseDockerfile(read('Dockerfile')).at(-1)!)
/** The uid of the node image's `node` user, which the Dockerfile's USER names. */
const UIDS: Record<string, number> = { root: 0, node: 1000 }

/** Every environment variable loadConfig reads, recorded by a Proxy standing in for the env. */
function settingsRead(): Set<string> {
  const names = new Set<string>()
  const env = new Proxy<Record<string, string | undefined>>(
    {},
    { get: (_, key) => void (typeof key === 'string' && names.add(key)) },
  )
  loadConfig(env)
  return names
}

/** The names in the first column of the README's server settings table. */
function readmeSettings(): Set<string> {
  const section = read('README.md').split('## Configuration')[1]
  const table = /\n(\|.*\n)+/.exec(section)![0]
  return new Set(
    [...table.matchAll(/^\|([^|]*)/gm)].flatMap((row) =>
      [...row[1].matchAll(/`(\w+)`/g)].map((m) => m[1]),
    ),
  )
}

interface Container {
  env?: { name: string; value: string }[]
  ports: { name?: string; containerPort: number }[]
  volumeMounts?: { mountPath: string }[]
  readinessProbe: { httpGet: { path: string; port: string | number } }
  livenessProbe: { httpGet: { path: string; port: string | number } }
  image: string
}
interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string }
  spec: {
    replicas?: number
    strategy?: { type: string }
    selector?: Record<string, string>
    ports?: { port: number }[]
    template?: {
      metadata: { labels: Record<string, string> }
      spec: {
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }
        containers: Container[]
        volumes?: { persistentVolumeClaim?: { claimName: string } }[]
      }
    }
  }
}
interface Compose {
  services: Record<
    string,
    {
      build?: string
      image: string
      ports: (string | number)[]
      environment: Record<string, string>
      volumes: string[]
      profiles?: string[]
      depends_on: Record<string, { required?: boolean }>
    }
  >
  volumes: Record<string, unknown>
}

function yamlDocs<T>(path: string): T[] {
  return parseAllDocuments(read(path)).map((doc) => {
    expect(doc.errors, path).toEqual([])
    return doc.toJS() as T
  })
}

function manifests(dir: string): { path: string; doc: Manifest }[] {
  return readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) =>
      yamlDocs<Manifest>(join(dir, name)).map((doc) => ({ path: join(dir, name), doc })),
    )
}

const byKind = (docs: { doc: Manifest }[], kind: string) =>
  docs.map((d) => d.doc).filter((d) => d.kind === kind)
const envOf = (container: Container) =>
  Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]))

describe('compose.yaml', () => {
  const [compose] = yamlDocs<Compose>('compose.yaml')
  // What the container sees with no variables set: compose's defaults over the image's ENV.
  const app = interpolateAll(compose.services.hushlink, {})

  it("runs the image from this Dockerfile with a named volume at the image's VOLUME", () => {
    expect(app.build).toBe('.')
    const mounts = app.volumes.map((v) => v.split(':'))
    expect(mounts.map(([, target]) => target)).toEqual(image.volumes)
    for (const [name] of mounts) expect(Object.keys(compose.volumes)).toContain(name)
    expect(Object.keys(compose.volumes)).toContain('sqld-data')
  })

  it("publishes the server's port on loopback only, for a proxy on the host", () => {
    expect(app.ports.map(portMapping)).toEqual([
      { hostIp: '127.0.0.1', hostPort: 5100, containerPort: loadConfig({}).port },
    ])
    expect(image.ports).toEqual([loadConfig({}).port])
  })

  it("by default keeps the image's file database, in the volume, and its settings load", () => {
    expect(app.environment.DATABASE_URL).toBe(image.env.DATABASE_URL)
    const config = loadConfig({ ...image.env, ...app.environment })
    expect(config.databaseUrl).toBe(image.env.DATABASE_URL)
    const [, target] = app.volumes[0].split(':')
    expect(config.databaseUrl.startsWith(`file:${target}/`), config.databaseUrl).toBe(true)
    expect(config.port).toBe(portMapping(app.ports[0]).containerPort)
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
  const [compose] = yamlDocs<Compose>('compose.yaml')
  const apiPods = [...byKind(single, 'Deployment'), ...byKind(scaleOut, 'Deployment')].map(
    (d) => d.spec.template!.spec,
  )
  const apiContainers = apiPods.map((pod) => pod.containers[0])

  it('are well-formed, listed in their kustomization, and their Services select their pods', () => {
    for (const [dir, docs] of [
      ['deploy/kubernetes/single', single],
      ['deploy/kubernetes/scale-out', scaleOut],
    ] as const) {
      const [kustomization] = yamlDocs<{ resources: string[] }>(`${dir}/kustomization.yaml`)
      expect(new Set(kustomization.resources)).toEqual(
        new Set(docs.map((d) => relative(dir, d.path))),
      )
      for (const { doc } of docs) {
        expect(doc.apiVersion).toBeTruthy()
        expect(doc.metadata?.name).toMatch(/^[a-z0-9-]+$/)
      }
      const podLabels = docs
        .map((d) => d.doc.spec?.template?.metadata.labels)
        .filter((labels) => labels !== undefined)
      for (const service of byKind(docs, 'Service')) {
        const selects = (labels: Record<string, string>) =>
          Object.entries(service.spec.selector!).every(([k, v]) => labels[k] === v)
        expect(podLabels.some(selects), service.metadata.name).toBe(true)
      }
    }
  })

  it('single: one replica on a PVC, replaced with Recreate, the database in the mount', () => {
    const [deployment] = byKind(single, 'Deployment')
    expect(deployment.spec.replicas).toBe(1)
    expect(deployment.spec.strategy?.type).toBe('Recreate')
    const [pvc] = byKind(single, 'PersistentVolumeClaim')
    const pod = deployment.spec.template!.spec
    expect(pod.volumes?.map((v) => v.persistentVolumeClaim?.claimName)).toContain(pvc.metadata.name)
    expect(pod.containers[0].volumeMounts?.map((m) => m.mountPath)).toContain('/data')
    expect(envOf(pod.containers[0]).DATABASE_URL).toBe('file:/data/hushlink.db')
  })

  it('scale-out: a sqld StatefulSet and 2+ API replicas that use it', () => {
    const [sqld] = byKind(scaleOut, 'StatefulSet')
    const [api] = byKind(scaleOut, 'Deployment')
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2)
    const url = new URL(envOf(api.spec.template!.spec.containers[0]).DATABASE_URL)
    const service = byKind(scaleOut, 'Service').find((s) => s.metadata.name === url.hostname)
    expect(service?.spec.ports?.map((p) => p.port)).toContain(Number(url.port))
    expect(sqld.spec.template!.spec.containers[0].image).toBe(compose.services.sqld.image)
  })

  it("run as the image's non-root user, on the port their env gives, both probes on /api/health", () => {
    expect(apiPods).toHaveLength(2)
    for (const pod of apiPods) {
      expect(pod.securityContext?.runAsNonRoot).toBe(true)
      expect(pod.securityContext?.runAsUser).toBe(UIDS[image.user!])
      const [container] = pod.containers
      const [port] = container.ports
      expect(port.containerPort).toBe(loadConfig(envOf(container)).port)
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe.httpGet.path).toBe('/api/health')
        expect([port.name, port.containerPort]).toContain(probe.httpGet.port)
      }
    }
  })

  it('and compose set only settings the server reads', () => {
    const known = settingsRead()
    const used = [
      ...apiContainers.flatMap((c) => Object.keys(envOf(c))),
      ...Object.keys(compose.services.hushlink.environment),
    ]
    expect(used.filter((name) => !known.has(name))).toEqual([])
  })
})

describe('configuration', () => {
  it('the README table lists exactly the variables loadConfig reads', () => {
    const names = settingsRead()
    expect(names.size).toBeGreaterThan(15)
    expect([...readmeSettings()].sort()).toEqual([...names].sort())
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
