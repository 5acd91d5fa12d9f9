// The wasm trimmer on hand-assembled modules: what it keeps still runs, what it drops is gone.
import { describe, expect, it } from 'vitest'
import { keepWasmExports } from './wasm-dce'

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
const section = (id: number, body: number[]) => [id, body.length, ...body]
const name = (text: string) => [text.length, ...Buffer.from(text)]
const body = (code: number[]) => [code.length + 1, 0x00, ...code] // no locals

/** f calls g; h stands alone; all return an i32. `extra` is spliced into h's code. */
function module(extra: number[] = []): Uint8Array {
  return Uint8Array.from([
    ...HEADER,
    ...section(1, [1, 0x60, 0, 1, 0x7f]), // one type: () -> i32
    ...section(3, [3, 0, 0, 0]), // three functions of it
    ...section(7, [2, ...name('f'), 0, 0, ...name('h'), 0, 2]),
    ...section(10, [
      3,
      ...body([0x10, 1, 0x0b]), // f: call g
      ...body([0x41, 7, 0x0b]), // g: i32.const 7
      ...body([...extra, 0x41, 9, 0x0b]), // h: i32.const 9
    ]),
  ])
}

async function run(wasm: Uint8Array) {
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(Uint8Array.from(wasm)))
  return instance.exports as Record<string, () => number>
}

describe('keepWasmExports', () => {
  it('changes nothing when every export stays', () => {
    const wasm = module()
    const kept = keepWasmExports(wasm, () => true)
    expect(Buffer.from(kept.wasm).equals(Buffer.from(wasm))).toBe(true)
    expect(kept).toMatchObject({ kept: ['f', 'h'], live: 3, total: 3 })
  })

  it('drops an export and empties what only it reached, keeping what the rest calls', async () => {
    const kept = keepWasmExports(module(), (n) => n === 'f')
    expect(kept).toMatchObject({ kept: ['f'], live: 2, total: 3 })
    const exports = await run(kept.wasm)
    expect(exports.f()).toBe(7)
    expect(exports.h).toBeUndefined()
  })

  it('refuses an opcode it cannot decode rather than guess the call graph', () => {
    // v128.const (SIMD) in h: its 16-byte immediate would be misread as instructions.
    const simd = [0xfd, 12, ...new Array(16).fill(0x10), 0x1a]
    expect(() => keepWasmExports(module(simd), () => true)).toThrow(/unknown opcode 0xfd/)
  })

  it('refuses a body that does not end on its end opcode', () => {
    const wasm = module([0x01]) // nop: fine
    wasm[wasm.length - 1] = 0x01 // h now ends on nop, not end
    expect(() => keepWasmExports(wasm, () => true)).toThrow(/misread/)
  })
})
