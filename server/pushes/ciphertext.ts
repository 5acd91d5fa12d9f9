// The ciphertext a JSON body carries, for a text push and for the answer to a request alike:
// base64url of at most maxTextCiphertextBytes, starting with the version byte of its format.
import { decodeBase64Url } from '../http/base64url'
import type { Config } from '../config'
import { HttpError } from '../http/http-error'

export function ciphertextReader(limits: Config['limits'], version: number) {
  const { maxTextCiphertextBytes } = limits
  // Base64url inflates by 4/3; the rest of the JSON is small.
  const maxChars = Math.ceil((maxTextCiphertextBytes * 4) / 3)
  return {
    /** The largest JSON body that can carry such a ciphertext. */
    bodyLimit: maxChars + 4096,
    /** The bytes of `text`, or the 413/400 that says what is wrong with it. */
    decode(text: string): Uint8Array {
      if (text.length > maxChars) {
        throw new HttpError(
          413,
          'too_large',
          `The ciphertext is larger than ${maxTextCiphertextBytes} bytes.`,
        )
      }
      let ciphertext: Uint8Array
      try {
        ciphertext = decodeBase64Url(text)
      } catch {
        throw new HttpError(400, 'invalid_input', 'ciphertext must be base64url')
      }
      if (ciphertext[0] !== version)
        throw new HttpError(400, 'invalid_input', 'ciphertext: unknown format version')
      return ciphertext
    },
  }
}
