// The download body on its own: rows handed on in slices, the download ended before its last
// bytes, and a reader below the minimum rate (or a download given up) dropped with end run once.
import { describe, expect, it } from 'vitest'
import { downloadBody, type DownloadSource } from './download-stream'

const KiB = 1024

function rowsOf(count: number, size: number, log: string[] = []) {
  const rows = Array.from({ length: count }, (_, i) => new Uint8Array(size).fill(i + 1))
  let ends = 0
  const source: DownloadSource = {
    rows: count,
    read: async (seq) => rows[seq] ?? null,
    end: async () => {
      ends++
      log.push('end')
    },
  }
  return { source, ends: () => ends }
}

async function readAll(stream: ReadableStream<Uint8Array>, log: string[]): Promise<number> {
  const reader = stream.getReader()
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return total
    total += value.length
    log.push(`read ${total}`)
  }
}

describe('downloadBody', () => {
  it('hands on every row in slices and ends the download before the last bytes', async () => {
    const log: string[] = []
    const { source, ends } = rowsOf(3, 100 * KiB, log)
    const stream = downloadBody(source, { minBytesPerSecond: 1, graceMs: 60_000 }, null)
    expect(await readAll(stream, log)).toBe(300 * KiB)
    expect(ends()).toBe(1)
    expect(log.slice(-2)).toEqual(['end', `read ${300 * KiB}`])
  })

  it('drops a reader that stops reading: the stream fails and the download ends once', async () => {
    const { source, ends } = rowsOf(4, 1024 * KiB)
    const stream = downloadBody(source, { minBytesPerSecond: 1024 * KiB, graceMs: 100 }, null)
    const reader = stream.getReader()
    await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 350))
    await expect(async () => {
      for (;;) if ((await reader.read()).done) return
    }).rejects.toThrow(/minimum rate/)
    expect(ends()).toBe(1)
  })

  it('cuts the connection instead, when there is one', async () => {
    const { source, ends } = rowsOf(2, 1024 * KiB)
    let cut = 0
    // What a closed socket does: the server cancels its reader of the body.
    const stream = downloadBody(source, { minBytesPerSecond: 1024 * KiB, graceMs: 100 }, () => {
      cut++
      void reader.cancel()
    })
    const reader = stream.getReader()
    await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect([cut, ends()]).toEqual([1, 1])
  })

  it('fails a download given up by the database (its lease gone)', async () => {
    const { source, ends } = rowsOf(1, 10)
    const stream = downloadBody(
      { ...source, rows: 2 },
      { minBytesPerSecond: 1, graceMs: 60_000 },
      null,
    )
    await expect(readAll(stream, [])).rejects.toThrow(/given up/)
    expect(ends()).toBe(1)
  })
})
