// A bound on the bytes this process holds for file downloads at once (each holds about one row
// of its push while it streams), so many reveals at the same moment cannot exhaust memory.

export class ByteBudget {
  #free: number

  constructor(readonly capacity: number) {
    this.#free = capacity
  }

  get free(): number {
    return this.#free
  }

  /** Takes `bytes` if that many are free: returns the function that gives them back, or null. */
  take(bytes: number): (() => void) | null {
    if (bytes > this.#free) return null
    this.#free -= bytes
    let given = false
    return () => {
      if (given) return
      given = true
      this.#free += bytes
    }
  }
}
