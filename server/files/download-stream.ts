// The body of a file download: the push's rows read from the database one at a time and handed
// on in slices, so a download holds about one row in memory however slowly it is read, and a
// reader that takes less than the minimum rate is dropped so it cannot hold a slot for long.

export interface DownloadSource {
  /** How many rows the push has. */
  rows: number
  /** Row `seq`; null when the download may read no more (it was given up). */
  read(seq: number): Promise<Uint8Array | null>
  /** Runs once when the download ends, whether finished, dropped or cancelled by the reader. */
  end(): Promise<void>
}

export interface DownloadPace {
  /** The least a reader must take, on average over each window of `graceMs`. */
  minBytesPerSecond: number
  graceMs: number
}

/** Enqueued at a time: small enough that the pace is measured finely, large enough to be few. */
const SLICE_BYTES = 64 * 1024

/**
 * The stream of `source`'s rows. The reader gets the last bytes only after `source.end()` has
 * finished (for a last view: after its rows are deleted). A reader too slow to keep, or one
 * whose download was given up, is dropped after `source.end()`: `cut` closes its connection
 * (which cancels the stream), or without one (in-process) the stream fails.
 */
export function downloadBody(
  source: DownloadSource,
  pace: DownloadPace,
  cut: (() => void) | null,
): ReadableStream<Uint8Array> {
  const perWindow = (pace.minBytesPerSecond * pace.graceMs) / 1000
  let seq = 0
  let rest: Uint8Array = new Uint8Array(0)
  let taken = 0
  let timer: ReturnType<typeof setInterval> | undefined
  let ending: Promise<void> | null = null
  let drop: (reason: string) => Promise<void> = async () => undefined
  const end = () => {
    clearInterval(timer)
    return (ending ??= source.end())
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      drop = async (reason) => {
        await end()
        if (cut) cut()
        else controller.error(new Error(reason))
      }
      timer = setInterval(() => {
        if (taken < perWindow) void drop('the reader took less than the minimum rate')
        taken = 0
      }, pace.graceMs)
      timer.unref?.()
    },
    async pull(controller) {
      if (ending) return
      if (rest.length === 0) {
        let row: Uint8Array | null
        try {
          row = seq < source.rows ? await source.read(seq++) : null
        } catch (error) {
          await end()
          throw error
        }
        if (ending) return
        if (!row) return drop('the download was given up')
        rest = row
      }
      const slice = rest.subarray(0, SLICE_BYTES)
      rest = rest.subarray(slice.length)
      taken += slice.length
      if (rest.length > 0 || seq < source.rows) return controller.enqueue(slice)
      // The last bytes go out only once the download has ended: a reader that has them all
      // knows its push's bytes are deleted if it was the last view.
      await end()
      try {
        controller.enqueue(slice)
        controller.close()
      } catch {
        // The reader cancelled meanwhile.
      }
    },
    cancel: () => end(),
  })
}
