// Vite plugin: in the browser build, libsodium-wrappers (and -sumo) load the slim libsodium of
// slim-libsodium.ts, their wasm a hashed file next to the JS under _app/immutable/assets/, fetched
// from the chunk's own origin (a CDN in a split deploy). Dev server, SSR and Node are untouched.
import { readFile } from 'node:fs/promises'
import type { Plugin } from 'vite'
import { slimSodium, type SlimSodium } from './slim-libsodium.ts'

export interface SodiumBuild {
  /** The wrappers package the app imports, e.g. libsodium-wrappers. */
  wrappers: string
  /** The package of the emscripten module those import, e.g. libsodium. */
  core: string
  /** Name of the wasm file, before its hash. */
  wasmName: string
  /** What the app calls (src/lib/crypto/sodium-api.ts). */
  api: readonly string[]
}

interface Resolved {
  build: SodiumBuild
  wrappersId: string
  coreId: string
  slim?: Promise<SlimSodium>
}

export function slimLibsodium(builds: SodiumBuild[]): Plugin {
  /** Module id of a wrappers or core file → its build. */
  const byId = new Map<string, Resolved>()

  return {
    name: 'hushlink:slim-libsodium',
    apply: 'build',
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    async buildStart() {
      byId.clear()
      for (const build of builds) {
        const wrappers = await this.resolve(build.wrappers)
        const core = wrappers && (await this.resolve(build.core, wrappers.id))
        if (!wrappers || !core) throw new Error(`slim-libsodium: cannot resolve ${build.wrappers}`)
        if (!wrappers.id.endsWith('.mjs') || !core.id.endsWith('.mjs'))
          throw new Error(`slim-libsodium: ${build.wrappers} did not resolve to its ESM build`)
        const resolved = { build, wrappersId: wrappers.id, coreId: core.id }
        byId.set(wrappers.id, resolved).set(core.id, resolved)
      }
    },
    async load(id) {
      const resolved = byId.get(id)
      if (!resolved) return null
      const { build, wrappersId, coreId } = resolved
      resolved.slim ??= Promise.all([readFile(wrappersId, 'utf8'), readFile(coreId, 'utf8')]).then(
        ([wrappers, core]) => slimSodium({ wrappers, core, api: build.api }),
      )
      const slim = await resolved.slim
      if (id === wrappersId) return slim.wrappers
      const reference = this.emitFile({ type: 'asset', name: build.wasmName, source: slim.wasm })
      this.info(
        `${build.core}: ${slim.wasm.length} bytes of wasm, ` +
          `${slim.functions.live} of ${slim.functions.total} functions kept`,
      )
      return slim.core(`import.meta.ROLLUP_FILE_URL_${reference}`)
    },
  }
}
