// Fixed-size pieces out of a stream of arbitrary ones: 64 KiB secretstream chunks, 1 MiB rows.

/** Cuts a byte stream into fixed-size pieces, reusing one buffer: copy a piece to keep it. */
export class Chunker {
  readonly #buffer: Uint8Array
  #fill = 0

  constructor(size: number) {
    this.#buffer = new Uint8Array(size)
  }

  /** Appends bytes; yields the buffer each time it fills up (valid until the next call). */
  *add(bytes: Uint8Array): Generator<Uint8Array> {
    let offset = 0
    while (offset < bytes.length) {
      const take = Math.min(bytes.length - offset, this.#buffer.length - this.#fill)
      this.#buffer.set(bytes.subarray(offset, offset + take), this.#fill)
      this.#fill += take
      offset += take
      if (this.#fill === this.#buffer.length) {
        this.#fill = 0
        yield this.#buffer
      }
    }
  }

  get rest(): Uint8Array {
    return this.#buffer.subarray(0, this.#fill)
  }
}
