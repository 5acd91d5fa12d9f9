// On-the-fly compression of JSON answers above COMPRESS_ABOVE_BYTES: brotli at quality 1 when the
// client takes it, else gzip at level 1. Measured (docs/performance.md, issue 17): quality 1 costs
// ~26 µs of CPU for a 1.4 kB reveal and ~70 µs for 16 kB; higher qualities cost 2-3× as much and
// gain < 2 % on ciphertext, which is random. Answers up to SYNC_AT_MOST_BYTES are compressed on
// the spot; larger ones on libuv's thread pool, so a 1 MiB secret never stalls the event loop.
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib'
import { chooseEncoding, type Encoding } from './accept-encoding'

export const COMPRESS_ABOVE_BYTES = 1024
const SYNC_AT_MOST_BYTES = 16 * 1024

const brotliOptions = (size: number) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
})
const GZIP_OPTIONS = { level: 1 }
const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export interface Compressed {
  encoding: Exclude<Encoding, 'identity'>
  /** The bytes, or a stream of them for an answer compressed off the event loop. */
  body: Uint8Array | ReadableStream<Uint8Array>
}

/** Whether an answer of `text` may be compressed at all (its Vary then names Accept-Encoding). */
export const worthCompressing = (text: string) => text.length > COMPRESS_ABOVE_BYTES

/** `text` compressed for a client sending `acceptEncoding`, or null when it takes neither. */
export function compressText(text: string, acceptEncoding: string | undefined): Compressed | null {
  const encoding = chooseEncoding(acceptEncoding)
  if (encoding === 'identity') return null
  const br = encoding === 'br'
  const bytes = Buffer.from(text)
  if (bytes.length <= SYNC_AT_MOST_BYTES) {
    const body = br
      ? brotliCompressSync(bytes, brotliOptions(bytes.length))
      : gzipSync(bytes, GZIP_OPTIONS)
    return { encoding, body }
  }
  const packing = br
    ? brotliAsync(bytes, brotliOptions(bytes.length))
    : gzipAsync(bytes, GZIP_OPTIONS)
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(await packing)
        controller.close()
      } catch (error) {
        controller.error(error)
      }
    },
  })
  return { encoding, body }
}
