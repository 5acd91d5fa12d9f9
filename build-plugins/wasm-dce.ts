// Drops a WebAssembly module's unwanted function exports and empties every function no kept export,
// table entry or start function can reach (its body becomes `unreachable`), so gzip squeezes it away.
// Function indices never change, so nothing else in the module needs rewriting.

const SECTION = {
  import: 2,
  function: 3,
  global: 6,
  export: 7,
  start: 8,
  elem: 9,
  code: 10,
} as const
const KIND_FUNCTION = 0
/** A body of no locals that traps: `unreachable end`. */
const TRAP_BODY = [0x00, 0x00, 0x0b]

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('wasm: unexpected end')
    return this.bytes[this.at++]
  }
  u32(): number {
    let result = 0
    let shift = 0
    for (;;) {
      const b = this.byte()
      result += (b & 0x7f) * 2 ** shift
      if (!(b & 0x80)) return result
      shift += 7
      if (shift > 35) throw new Error('wasm: LEB128 too long')
    }
  }
  /** Skips a signed or unsigned LEB128 of any width. */
  skipLeb(): void {
    while (this.byte() & 0x80);
  }
  skip(n: number): void {
    this.at += n
  }
  name(): string {
    const length = this.u32()
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length))
    this.at += length
    return text
  }
}

interface Section {
  id: number
  start: number
  end: number
}

function sections(wasm: Uint8Array): Section[] {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
  if (magic.some((b, i) => wasm[i] !== b)) throw new Error('wasm: not a version 1 module')
  const r = new Reader(wasm, 8)
  const list: Section[] = []
  while (r.at < wasm.length) {
    const id = r.byte()
    const size = r.u32()
    list.push({ id, start: r.at, end: r.at + size })
    r.skip(size)
  }
  return list
}

function encodeU32(value: number): number[] {
  const out: number[] = []
  do {
    let b = value & 0x7f
    value >>>= 7
    if (value) b |= 0x80
    out.push(b)
  } while (value)
  return out
}

/** Skips a block type: empty, one value type, or a type index (s33). */
function skipBlockType(r: Reader): void {
  const b = r.bytes[r.at]
  if (b === 0x40 || (b >= 0x6f && b <= 0x7f)) r.skip(1)
  else r.skipLeb()
}

function skipMemarg(r: Reader): void {
  const align = r.u32()
  if (align & 0x40) r.u32() // multi-memory: a memory index follows
  r.u32()
}

/** The functions a body calls or takes a reference of; throws on any opcode it does not know. */
function referencedFunctions(r: Reader, end: number, found: (index: number) => void): void {
  while (r.at < end) {
    const op = r.byte()
    if (op === 0x10 || op === 0x12 || op === 0xd2)
      found(r.u32()) // call, return_call, ref.func
    else if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b)
      continue
    else if (op >= 0x02 && op <= 0x04) skipBlockType(r)
    else if (op === 0x0c || op === 0x0d) r.u32()
    else if (op === 0x0e) {
      const count = r.u32()
      for (let i = 0; i <= count; i++) r.u32()
    } else if (op === 0x11 || op === 0x13) (r.u32(), r.u32())
    else if (op === 0x1c) r.skip(r.u32())
    else if (op >= 0x20 && op <= 0x26) r.u32()
    else if (op >= 0x28 && op <= 0x3e) skipMemarg(r)
    else if (op === 0x3f || op === 0x40) r.u32()
    else if (op === 0x41 || op === 0x42) r.skipLeb()
    else if (op === 0x43) r.skip(4)
    else if (op === 0x44) r.skip(8)
    else if (op >= 0x45 && op <= 0xc4) continue
    else if (op === 0xd0) r.skip(1)
    else if (op === 0xd1) continue
    else if (op === 0xfc) skipMiscOp(r)
    // SIMD (0xfd), atomics (0xfe), exceptions, GC: not in libsodium's build; refuse, never guess.
    else throw new Error(`wasm: unknown opcode 0x${op.toString(16)} at ${r.at - 1}`)
  }
}

function skipMiscOp(r: Reader): void {
  const op = r.u32()
  if (op <= 7) return // saturating truncations
  if (op === 8 || op === 12 || op === 14)
    (r.u32(), r.u32()) // memory.init, table.init, table.copy
  else if (op === 10)
    (r.u32(), r.u32()) // memory.copy
  else if (op === 9 || op === 11 || op === 13 || (op >= 15 && op <= 17)) r.u32()
  else throw new Error(`wasm: unknown 0xfc opcode ${op}`)
}

/** Function indices in a constant expression (global or element initialisers). */
function constExprFunctions(r: Reader, found: (index: number) => void): void {
  for (;;) {
    const op = r.byte()
    if (op === 0x0b) return
    if (op === 0xd2) found(r.u32())
    else if (op === 0x41 || op === 0x42) r.skipLeb()
    else if (op === 0x43) r.skip(4)
    else if (op === 0x44) r.skip(8)
    else if (op === 0x23) r.u32()
    else if (op === 0xd0) r.skip(1)
    else if (op >= 0x6a && op <= 0x7e)
      continue // extended constant arithmetic
    else throw new Error(`wasm: unexpected 0x${op.toString(16)} in a constant expression`)
  }
}

/** Every function an element segment puts in a table: all stay callable through call_indirect. */
function elementFunctions(r: Reader, end: number, found: (index: number) => void): void {
  const count = r.u32()
  for (let s = 0; s < count; s++) {
    const flags = r.u32()
    if (flags > 7) throw new Error(`wasm: unknown element segment flags ${flags}`)
    if ((flags & 3) === 2) r.u32() // explicit table index
    if (!(flags & 1)) constExprFunctions(r, () => {}) // active: offset expression
    if (flags & 3 && !(flags & 4)) r.byte() // elemkind
    if (flags & 3 && flags & 4) r.byte() // reftype
    const items = r.u32()
    for (let i = 0; i < items; i++) {
      if (flags & 4) constExprFunctions(r, found)
      else found(r.u32())
    }
  }
  if (r.at !== end) throw new Error('wasm: element section misread')
}

export interface DceResult {
  wasm: Uint8Array
  /** Function exports kept, by name. */
  kept: string[]
  /** Defined functions left with a body, of all defined functions. */
  live: number
  total: number
}

/**
 * Keeps the function exports `keep` accepts (and every non-function export), and replaces the body
 * of each defined function that nothing kept can reach with `unreachable`.
 */
export function keepWasmExports(wasm: Uint8Array, keep: (name: string) => boolean): DceResult {
  const list = sections(wasm)
  const section = (id: number) => list.find((s) => s.id === id)
  let imported = 0
  const importSection = section(SECTION.import)
  if (importSection) {
    const r = new Reader(wasm, importSection.start)
    for (let n = r.u32(); n > 0; n--) {
      r.name()
      r.name()
      const kind = r.byte()
      if (kind === KIND_FUNCTION) (r.u32(), imported++)
      else if (kind === 1)
        (r.byte(), skipLimits(r)) // table
      else if (kind === 2)
        skipLimits(r) // memory
      else if (kind === 3)
        r.skip(2) // global: type, mutability
      else if (kind === 4)
        r.skip(2) // tag
      else throw new Error(`wasm: unknown import kind ${kind}`)
    }
  }

  const roots: number[] = []
  const exportSection = section(SECTION.export)
  if (!exportSection) throw new Error('wasm: no exports')
  const exportsKept: number[] = []
  const kept: string[] = []
  {
    const r = new Reader(wasm, exportSection.start)
    let kept_count = 0
    for (let n = r.u32(); n > 0; n--) {
      const from = r.at
      const name = r.name()
      const kind = r.byte()
      const index = r.u32()
      if (kind !== KIND_FUNCTION || keep(name)) {
        exportsKept.push(...wasm.subarray(from, r.at))
        kept_count++
        if (kind === KIND_FUNCTION) (roots.push(index), kept.push(name))
      }
    }
    exportsKept.unshift(...encodeU32(kept_count))
  }
  const start = section(SECTION.start)
  if (start) roots.push(new Reader(wasm, start.start).u32())
  const elem = section(SECTION.elem)
  if (elem) elementFunctions(new Reader(wasm, elem.start), elem.end, (i) => roots.push(i))
  const globals = section(SECTION.global)
  if (globals) {
    const r = new Reader(wasm, globals.start)
    for (let n = r.u32(); n > 0; n--) {
      r.skip(2) // type, mutability
      constExprFunctions(r, (i) => roots.push(i))
    }
  }

  const code = section(SECTION.code)
  if (!code) throw new Error('wasm: no code section')
  const bodies: { start: number; end: number }[] = []
  const r = new Reader(wasm, code.start)
  for (let n = r.u32(); n > 0; n--) {
    const size = r.u32()
    bodies.push({ start: r.at, end: r.at + size })
    r.skip(size)
  }

  // Every body is decoded, live or not: one that does not end exactly on its `end` opcode means an
  // immediate was misread, and then the call graph cannot be trusted.
  const calls = bodies.map((body, i) => {
    const b = new Reader(wasm, body.start)
    for (let n = b.u32(); n > 0; n--) (b.u32(), b.byte()) // local declarations
    const found: number[] = []
    referencedFunctions(b, body.end, (index) => found.push(index))
    if (b.at !== body.end || wasm[body.end - 1] !== 0x0b)
      throw new Error(`wasm: function ${i + imported} misread`)
    return found
  })
  const live = new Set<number>()
  const queue = [...roots]
  while (queue.length) {
    const index = queue.pop()!
    if (live.has(index)) continue
    live.add(index)
    queue.push(...(calls[index - imported] ?? [])) // none for an imported function
  }

  const codeOut: number[] = [...encodeU32(bodies.length)]
  let liveBodies = 0
  bodies.forEach((body, i) => {
    if (live.has(i + imported)) {
      liveBodies++
      codeOut.push(...encodeU32(body.end - body.start))
      for (let k = body.start; k < body.end; k++) codeOut.push(wasm[k])
    } else codeOut.push(...encodeU32(TRAP_BODY.length), ...TRAP_BODY)
  })

  const out: number[] = [...wasm.subarray(0, 8)]
  for (const s of list) {
    const body =
      s.id === SECTION.export
        ? exportsKept
        : s.id === SECTION.code
          ? codeOut
          : Array.from(wasm.subarray(s.start, s.end))
    out.push(s.id, ...encodeU32(body.length))
    for (const b of body) out.push(b)
  }
  return { wasm: Uint8Array.from(out), kept, live: liveBodies, total: bodies.length }
}

function skipLimits(r: Reader): void {
  const flags = r.byte()
  r.u32()
  if (flags & 1) r.u32()
}
