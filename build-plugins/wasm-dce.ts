// Drops a WebAssembly module's unwanted function exports, then lets Binaryen (the WebAssembly
// project's compiler toolkit, which emscripten itself optimises with) remove what nothing kept can
// reach: functions, types, and the bodies of table entries that no remaining `call_indirect` can
// call. That one pass, `remove-unused-module-elements`, only deletes; the code that stays is
// libsodium's own. Binaryen's -Oz pipeline would take about 0.5 kB gz more off, but by optimising
// libsodium's constant-time code a second time, so it does not run. The kept exports, the imports,
// the memory and its data keep their names, layout and contents: the emscripten glue binds them as
// before. binaryen is a devDependency, imported on first use, not whenever Vite loads its config.
import type Binaryen from 'binaryen'

export interface DceResult {
  wasm: Uint8Array
  /** Function exports kept, by name. */
  kept: string[]
  /** Defined functions left with a body (not a lone `unreachable`), of all defined functions. */
  live: number
  total: number
}

/**
 * The WebAssembly features libsodium's emscripten build uses (sign extension, memory.copy and
 * memory.fill). The input must keep to them and Binaryen may emit nothing else, so the output runs
 * wherever the package's own wasm runs; a libsodium that needs more fails the build until checked.
 */
const features = (binaryen: typeof Binaryen) =>
  binaryen.Features.SignExt | binaryen.Features.BulkMemoryOpt

/**
 * Keeps the function exports `keep` accepts (and every non-function export), and removes each
 * defined function that nothing kept can reach.
 */
export async function keepWasmExports(
  wasm: Uint8Array,
  keep: (name: string) => boolean,
): Promise<DceResult> {
  const { default: binaryen } = await import('binaryen')
  const module = binaryen.readBinary(wasm)
  try {
    module.setFeatures(features(binaryen))
    if (!module.validate())
      throw new Error('wasm: invalid, or uses features beyond sign-extension and bulk memory')
    const exports = Array.from({ length: module.getNumExports() }, (_, i) =>
      binaryen.getExportInfo(module.getExportByIndex(i)),
    )
    const kept: string[] = []
    for (const { kind, name } of exports) {
      if (kind !== binaryen.ExternalFunction) continue
      if (keep(name)) kept.push(name)
      else module.removeExport(name)
    }
    const total = definedFunctions(binaryen, module)
    // Neither setting is on unless asked for; both would let the pass assume more than it knows.
    binaryen.setTrapsNeverHappen(false)
    binaryen.setClosedWorld(false)
    module.runPasses(['remove-unused-module-elements'])
    if (!module.validate()) throw new Error('wasm: invalid after removing unused elements')
    return { wasm: module.emitBinary(), kept, live: definedFunctions(binaryen, module), total }
  } finally {
    module.dispose()
  }
}

/**
 * Defined functions, without those whose body is a lone `unreachable`: the pass leaves a table
 * entry that no `call_indirect` can call in place, with that body.
 */
function definedFunctions(binaryen: typeof Binaryen, module: Binaryen.Module): number {
  let count = 0
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const { module: imported, body } = binaryen.getFunctionInfo(module.getFunctionByIndex(i))
    if (!imported && binaryen.getExpressionId(body) !== binaryen.UnreachableId) count++
  }
  return count
}
