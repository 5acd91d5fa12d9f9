// Builds a smaller libsodium for the browser from the installed packages, at build time:
// - the wrappers register only the functions and constants the app names (slim-wrappers.ts), and
//   the bundler drops the rest;
// - the WebAssembly, which libsodium.mjs carries as base64 (gzip does badly on it), becomes a binary
//   file fetched with a Subresource Integrity check, and every wasm function those wrappers cannot
//   reach is removed (slim-core.ts, wasm-dce.ts).
// Nothing is copied by hand: a libsodium update is picked up, and a change of shape fails the build.
// Node (the CLI, the tests) keeps the untouched packages; slim-libsodium.test.ts compares both.
import { slimCore } from './slim-core.ts'
import { slimWrappers } from './slim-wrappers.ts'

export interface SlimSodiumInput {
  /** libsodium-wrappers' ESM build (imports "libsodium"). */
  wrappers: string
  /** libsodium's ESM build, the emscripten module with its wasm in base64. */
  core: string
  /** Wrapper functions and constants the app uses; utilities such as `pad` are always there. */
  api: readonly string[]
}

export interface SlimSodium {
  wrappers: string
  /** The core module; `wasmUrl` is a JS expression for the wasm file's URL. */
  core: (wasmUrl: string) => string
  wasm: Uint8Array
  /** Wasm functions kept, of all, for the build log. */
  functions: { live: number; total: number }
}

export async function slimSodium(input: SlimSodiumInput): Promise<SlimSodium> {
  const { wrappers, symbols } = slimWrappers(input.wrappers, input.api)
  const { core, wasm, functions } = await slimCore(input.core, symbols)
  return { wrappers, core, wasm, functions }
}
