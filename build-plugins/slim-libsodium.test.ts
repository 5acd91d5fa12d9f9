// The browser's slim libsodium, built from the installed packages as the Vite build builds it and
// run in Node: the app's crypto on it reproduces the protocol's test vectors and interoperates
// with the full package the CLI uses; its wasm is fetched with an integrity check, and a failed
// fetch makes `ready` fail instead of hang.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import sodium from 'libsodium-wrappers'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as full from '../src/lib/crypto'
import { SODIUM_API, SODIUM_SUMO_API } from '../src/lib/crypto/sodium-api'
import { slimSodium } from './slim-libsodium'

const MODULES = resolve(import.meta.dirname, '../node_modules')
interface Build {
  wrappers: string
  core: string
  api: readonly string[]
}
const STANDARD: Build = {
  wrappers: join(MODULES, 'libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs'),
  core: join(MODULES, 'libsodium/dist/modules-esm/libsodium.mjs'),
  api: SODIUM_API,
}
const SUMO: Build = {
  wrappers: join(MODULES, 'libsodium-wrappers-sumo/dist/modules-sumo-esm/libsodium-wrappers.mjs'),
  core: join(MODULES, 'libsodium-sumo/dist/modules-sumo-esm/libsodium-sumo.mjs'),
  api: SODIUM_SUMO_API,
}

type Module = Record<string, unknown> & { default: typeof sodium; ready: Promise<void> }
/** What the stubbed fetch serves, one answer per request, the last one again and again. */
const served = new Map<string, (Uint8Array | number | 'offline')[]>()
const fetched: { url: string; integrity?: string }[] = []
const dirs: string[] = []

/** Writes the slim wrappers and core as the build would emit them, and imports them. */
async function loadSlim(build: Build, answers: ('wasm' | number | 'offline')[] = ['wasm']) {
  const slim = await slimSodium({
    wrappers: readFileSync(build.wrappers, 'utf8'),
    core: readFileSync(build.core, 'utf8'),
    api: build.api,
  })
  const dir = mkdtempSync(join(tmpdir(), 'hushlink-slim-sodium-'))
  dirs.push(dir)
  const wasmUrl = `https://static.test/${dir}/libsodium.wasm`
  served.set(
    wasmUrl,
    answers.map((a) => (a === 'wasm' ? slim.wasm : a)),
  )
  const imports = slim.wrappers.match(/from\s*"libsodium(-sumo)?"/g) ?? []
  expect(imports).toHaveLength(1)
  writeFileSync(join(dir, 'wrappers.mjs'), slim.wrappers.replace(imports[0]!, 'from"./core.mjs"'))
  writeFileSync(join(dir, 'core.mjs'), slim.core(JSON.stringify(wasmUrl)))
  const module = (await import(pathToFileURL(join(dir, 'wrappers.mjs')).href)) as Module
  return { slim, module, wasmUrl }
}

beforeAll(async () => {
  vi.stubGlobal('fetch', async (url: string, init?: { integrity?: string }) => {
    fetched.push({ url, integrity: init?.integrity })
    const answers = served.get(url) ?? [404]
    const answer = answers.length > 1 ? answers.shift()! : answers[0]
    if (answer === 'offline') throw new TypeError('fetch failed')
    if (typeof answer === 'number') return new Response('no', { status: answer })
    return new Response(Uint8Array.from(answer))
  })
  await sodium.ready
})

afterEach(() => vi.doUnmock('libsodium-wrappers'))
afterAll(() => {
  vi.unstubAllGlobals()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the slim standard build', () => {
  let slim: Awaited<ReturnType<typeof loadSlim>>
  beforeAll(async () => {
    slim = await loadSlim(STANDARD)
    await slim.module.ready
  })

  it('is far smaller than the package, and fetches its wasm with the right integrity', () => {
    const original = readFileSync(STANDARD.core)
    expect(gzipSync(slim.slim.wasm).length).toBeLessThan(gzipSync(original).length * 0.6)
    const request = fetched.find((f) => f.url === slim.wasmUrl)
    const digest = createHash('sha384').update(slim.slim.wasm).digest('base64')
    expect(request?.integrity).toBe(`sha384-${digest}`)
    expect(slim.slim.core('"x"')).not.toMatch(/[A-Za-z0-9+/]{1000}/) // no base64 wasm left
  })

  it('has every function of the API and none of the rest', () => {
    const lib = slim.module.default as unknown as Record<string, unknown>
    for (const name of SODIUM_API) expect(lib[name], name).toBeDefined()
    for (const name of [
      'crypto_sign',
      'crypto_pwhash',
      'crypto_auth',
      'crypto_aead_aegis256_encrypt',
    ])
      expect(lib[name], name).toBeUndefined()
  })

  it('runs the app’s crypto: protocol vectors, and both ways with the full package', async () => {
    vi.doMock('libsodium-wrappers', () => slim.module)
    vi.resetModules()
    const onSlim = (await import('../src/lib/crypto')) as typeof full
    await crossCheck(onSlim, full)
    await crossCheck(full, onSlim)
  })
})

/** `a` seals or derives, `b` must agree or open it. */
async function crossCheck(a: typeof full, b: typeof full) {
  const secret = Uint8Array.from({ length: 32 }, (_, i) => i)
  const keys = await a.deriveLinkKeys(secret)
  expect(hex(keys.encKey)).toBe('efe9a317fbde95a0a8d6a2308e10e79a03cef49e29ca40d2991e1ba2f339d595')
  expect(hex(await a.hashToken(keys.linkToken))).toBe(
    'af7ee605cbfe4fc61a8b491153c34ce9056044a030e57b12d2b90a7a83267d1a',
  )

  const content = { v: 1, kind: 'text', text: 'hello, hushlink' } as const
  const nonce = Uint8Array.from({ length: 24 }, (_, i) => 0xa0 + i)
  const sealed = await a.sealContent(content, keys.encKey, nonce)
  expect(a.toBase64Url(sealed)).toBe(
    a.toBase64Url(await b.sealContent(content, keys.encKey, nonce)),
  )
  expect(
    await b.openSealed(await a.sealContent(content, keys.encKey), keys.encKey, 'text'),
  ).toEqual(content)

  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff)
  const file = {
    name: 'a.bin',
    type: '',
    size: bytes.length,
    read: async function* () {
      yield bytes
    },
  }
  const wire: Uint8Array[] = []
  for await (const part of a.sealFiles([file], keys.encKey)) wire.push(part.slice())
  const received: Uint8Array[] = []
  for await (const item of b.openFileStream(
    (async function* () {
      yield* wire
    })(),
    keys.encKey,
  ))
    if (item.kind === 'bytes') received.push(item.bytes.slice())
  expect(Buffer.concat(received).equals(bytes)).toBe(true)

  const box = await a.generateRequestKeyPair()
  expect(await b.requestKeyPairFrom(box.privateKey)).toEqual(box)
  const answer = await b.sealToRequest(content, box.publicKey)
  expect(await a.openRequestAnswer(answer, box, 'text')).toEqual(content)
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('the slim sumo build', () => {
  it('derives the passphrase vector of docs/protocol.md', async () => {
    const sumo = await loadSlim(SUMO)
    await sumo.module.ready
    vi.doMock('libsodium-wrappers-sumo', () => sumo.module)
    vi.resetModules()
    const onSlim = (await import('../src/lib/crypto')) as typeof full
    const secret = Uint8Array.from({ length: 32 }, (_, i) => i)
    const salt = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i)
    const keys = await onSlim.derivePassphraseKeys(secret, 'correct horse battery staple', {
      salt,
      opslimit: 2,
      memlimit: 67108864,
    })
    expect(hex(keys.passToken)).toBe(
      'ee7936437e9ecea2afd6fd4c8e5dfe824294593dcfab8f33a3564e50398bd81f',
    )
    expect(hex(keys.contentKey)).toBe(
      '180613b6491c540fff334562121d4bd1717eb09bfcd6496948f89b08aded467c',
    )
    vi.doUnmock('libsodium-wrappers-sumo')
  })
})

describe('fetching the wasm', () => {
  it('fails ready with the status instead of waiting forever', async () => {
    const { module } = await loadSlim(STANDARD, [404])
    await expect(module.ready).rejects.toThrow(/answered 404/)
  })

  it('tries again after a network error or a 5xx, twice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      const { module, wasmUrl } = await loadSlim(STANDARD, ['offline', 503, 'wasm'])
      await vi.advanceTimersByTimeAsync(3000)
      await module.ready
      expect(fetched.filter((f) => f.url === wasmUrl)).toHaveLength(3)
      const offline = await loadSlim(STANDARD, ['offline'])
      const failed = expect(offline.module.ready).rejects.toThrow(/fetch failed/)
      await vi.advanceTimersByTimeAsync(3000)
      await failed
      expect(fetched.filter((f) => f.url === offline.wasmUrl)).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })
})
