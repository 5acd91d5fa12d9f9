// PrivateBin's v2 paste format, made in Node as its browser client makes it: the text as
// `{"paste": …}`, raw-deflated, AES-256-GCM under a PBKDF2-SHA256 (100 000 rounds) key from 32
// random bytes, with the JSON of `adata` as additional data; the key goes in the link's fragment,
// base58. The server identifies a paste by a hash of its ciphertext, so each body needs its own:
// `sealer` derives the key once and seals with a fresh IV per body, which keeps a load run cheap.
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'

const ITERATIONS = 100_000
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

function base58(bytes: Uint8Array): string {
  let n = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'))
  let out = ''
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out
    n /= 58n
  }
  for (const byte of bytes) {
    if (byte !== 0) break
    out = '1' + out
  }
  return out
}

export interface PasteSealer {
  /** A create body (the JSON API's POST) of `text`, with an IV, so a ciphertext, of its own. */
  body(): string
  /** The link that opens paste `id` of this sealer's; `#-` asks the reader to confirm a burn. */
  link(origin: string, id: string): string
}

/** Seals `text` as a plain-text paste without discussion, kept a week, burnt once read if `burn`. */
export function sealer(text: string, { burn = false } = {}): PasteSealer {
  const key = randomBytes(32)
  const salt = randomBytes(8)
  const aesKey = pbkdf2Sync(key, salt, ITERATIONS, 32, 'sha256')
  const compressed = deflateRawSync(Buffer.from(JSON.stringify({ paste: text })))
  const fragment = base58(key)
  return {
    link: (origin, id) => `${origin}/?${id}#${burn ? '-' : ''}${fragment}`,
    body() {
      const iv = randomBytes(16)
      const spec = [iv.toString('base64'), salt.toString('base64'), ITERATIONS, 256, 128]
      const adata = [[...spec, 'aes', 'gcm', 'zlib'], 'plaintext', 0, burn ? 1 : 0]
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv, { authTagLength: 16 })
      cipher.setAAD(Buffer.from(JSON.stringify(adata)))
      const ct = Buffer.concat([cipher.update(compressed), cipher.final(), cipher.getAuthTag()])
      return JSON.stringify({ v: 2, adata, ct: ct.toString('base64'), meta: { expire: '1week' } })
    },
  }
}

/** The header that makes PrivateBin answer JSON instead of its page. */
export const JSON_API = { 'x-requested-with': 'JSONHttpRequest' }

/** Creates a paste through the JSON API; PrivateBin answers 200 with `status` 0 or an error. */
export async function createPaste(origin: string, body: string): Promise<string> {
  const res = await fetch(`${origin}/`, {
    method: 'POST',
    headers: { ...JSON_API, 'content-type': 'application/json' },
    body,
  })
  const answer = (await res.json()) as { status: number; id?: string; message?: string }
  if (answer.status !== 0 || !answer.id) throw new Error(`PrivateBin create: ${answer.message}`)
  return answer.id
}
