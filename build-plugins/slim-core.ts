// libsodium.mjs, the emscripten module, without the base64 copy of its wasm: it fetches the wasm,
// trimmed by Binaryen to the exports the slim wrappers call (wasm-dce.ts), as a file with an
// integrity check.
import { createHash } from 'node:crypto'
import { keepWasmExports } from './wasm-dce.ts'

// The wasm as base64 in libsodium.mjs: `wasm ??= (decode)("AGFzbQ…")`.
const EMBEDDED_WASM = /\?\?=\((\w+)=>\{for\([\s\S]*?return \w+\}\)\("([A-Za-z0-9+/]+={0,2})"\)/g
// The export table of the emscripten glue: `Module._crypto_box_seal = wasmExports.pa`.
const EXPORT_BINDING = /\b(\w+)\._(\w+)=(\w+)\.([\w$]+)[,;}]/g
const escape = (name: string) => name.replace(/\$/g, '\\$')

/** libsodium.mjs without its base64 wasm, and the wasm with only `symbols` reachable. */
export async function slimCore(source: string, symbols: Set<string>) {
  const embedded = [...source.matchAll(EMBEDDED_WASM)]
  if (embedded.length !== 1) throw new Error('libsodium.mjs: no single embedded wasm to take out')
  const [match, , base64] = embedded[0]
  const bindings = [...source.matchAll(EXPORT_BINDING)]
  const exportOf = new Map(bindings.map(([, , symbol, , exported]) => [exported, symbol]))
  const [, moduleVar, , exportsVar] = bindings[0] ?? []
  if (bindings.some(([, m, , e]) => m !== moduleVar || e !== exportsVar))
    throw new Error('libsodium.mjs: export bindings of more than one shape')
  for (const needed of ['malloc', 'free', 'sodium_init']) symbols.add(needed)
  const exported = new Set(exportOf.values())
  const missing = [...symbols].filter((s) => !exported.has(s))
  if (missing.length) throw new Error(`libsodium.mjs exports no ${missing.join(', ')}`)

  // Exports the glue does not bind to a C symbol (memory, dynCall_*) stay.
  const dce = await keepWasmExports(Buffer.from(base64, 'base64'), (name) => {
    const symbol = exportOf.get(name)
    return symbol === undefined || symbols.has(symbol)
  })
  const integrity = `sha384-${createHash('sha384').update(dce.wasm).digest('base64')}`
  // The glue's binding of each dropped export goes too: `Module._crypto_sign = wasmExports.x,`.
  const binding = new RegExp(
    `\\b${escape(moduleVar)}\\._(\\w+)=${escape(exportsVar)}\\.[\\w$]+,`,
    'g',
  )
  const unbind = (text: string) =>
    text.replace(binding, (whole, symbol: string) => (symbols.has(symbol) ? whole : ''))
  const at = embedded[0].index
  const glue =
    unbind(source.slice(0, at)) +
    '??=await __fetchSodiumWasm()' +
    unbind(source.slice(at + match.length))
  if ([...glue.matchAll(EXPORT_BINDING)].length !== dce.kept.filter((e) => exportOf.has(e)).length)
    throw new Error('libsodium.mjs: export bindings and kept exports disagree')
  const core = (wasmUrl: string) => fetchWasmFunction(wasmUrl, integrity) + glue
  return { core, wasm: dce.wasm, functions: { live: dce.live, total: dce.total } }
}

/**
 * The wasm loader put in front of the core module. A network error or a 5xx is tried again twice,
 * so a blip does not leave the page without its crypto; any other failure makes `ready` reject.
 */
function fetchWasmFunction(wasmUrl: string, integrity: string): string {
  return `async function __fetchSodiumWasm() {
  const url = ${wasmUrl}
  for (let attempt = 1; ; attempt++) {
    let response = null
    try {
      response = await fetch(url, { integrity: ${JSON.stringify(integrity)} })
    } catch (error) {
      if (attempt >= 3) throw error
    }
    if (response?.ok) return new Uint8Array(await response.arrayBuffer())
    if (response && (response.status < 500 || attempt >= 3))
      throw new Error('libsodium: ' + url + ' answered ' + response.status)
    await new Promise((retry) => setTimeout(retry, 500 * attempt * attempt))
  }
}
`
}
