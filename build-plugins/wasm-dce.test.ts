// The wasm trimmer on small modules: what it keeps still runs, with its memory, data and table;
// what it drops is gone; and it refuses a module that needs more than libsodium's features.
import binaryen from 'binaryen'
import { describe, expect, it } from 'vitest'
import { keepWasmExports } from './wasm-dce'

/** A module from the text format, as a binary. */
function wat(text: string): Uint8Array {
  const module = binaryen.parseText(text)
  try {
    return module.emitBinary()
  } finally {
    module.dispose()
  }
}

// f calls g; h stands alone; read reads the data segment; pick calls through the table, where only
// `one` has the type it calls (`other` is in the table but can never be called).
const MODULE = wat(`(module
  (type $i (func (result i32)))
  (type $ii (func (param i32) (result i32)))
  (import "env" "seven" (func $seven (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "\\2a\\00\\00\\00")
  (table 2 funcref)
  (elem (i32.const 0) $one $other)
  (func $f (export "f") (result i32) (call $g))
  (func $g (result i32) (call $seven))
  (func $h (export "h") (result i32) (i32.const 9))
  (func $read (export "read") (result i32) (i32.load (i32.const 16)))
  (func $pick (export "pick") (param i32) (result i32) (call_indirect (type $i) (local.get 0)))
  (func $one (type $i) (i32.const 1))
  (func $other (type $ii) (local.get 0))
)`)

async function run(wasm: Uint8Array) {
  const imports = { env: { seven: () => 7 } }
  const { instance } = await WebAssembly.instantiate(Uint8Array.from(wasm), imports)
  return instance.exports as Record<string, ((...args: number[]) => number) | undefined> & {
    memory?: WebAssembly.Memory
  }
}

describe('keepWasmExports', () => {
  it('keeps what every export reaches when all stay', async () => {
    const kept = await keepWasmExports(MODULE, () => true)
    expect(kept).toMatchObject({ kept: ['f', 'h', 'read', 'pick'], live: 6, total: 7 })
    const exports = await run(kept.wasm)
    expect([exports.f!(), exports.h!(), exports.read!(), exports.pick!(0)]).toEqual([7, 9, 42, 1])
  })

  it('drops an export and what only it reached, keeping what the rest calls', async () => {
    const kept = await keepWasmExports(MODULE, (n) => n === 'f' || n === 'read')
    expect(kept).toMatchObject({ kept: ['f', 'read'], total: 7 })
    expect(kept.live).toBe(3) // f, g, read
    const exports = await run(kept.wasm)
    expect(exports.f!()).toBe(7)
    expect(exports.read!()).toBe(42) // the data segment is where it was
    expect(exports.h).toBeUndefined()
    expect(exports.pick).toBeUndefined()
    expect(exports.memory).toBeInstanceOf(WebAssembly.Memory) // non-function exports stay
  })

  it('gives the same bytes for the same input (stable file hash and integrity)', async () => {
    const keep = (n: string) => n !== 'h'
    const [a, b] = await Promise.all([keepWasmExports(MODULE, keep), keepWasmExports(MODULE, keep)])
    expect(Buffer.from(a.wasm).equals(Buffer.from(b.wasm))).toBe(true)
  })

  it('refuses a module using a feature libsodium’s build does not (SIMD)', async () => {
    const simd = wat(`(module
      (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))`)
    await expect(keepWasmExports(simd, () => true)).rejects.toThrow(/features/)
  })
})
