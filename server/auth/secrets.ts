// Session ids, login ids and API tokens: 32 random bytes, kept on the server only as SHA-256.
// A fast hash is right here: the secrets are random, so there is nothing to guess offline.
import { createHash, randomBytes } from 'node:crypto'
import { toBase64Url } from '../../src/lib/crypto'
import { API_TOKEN_PREFIX } from '../../src/lib/protocol/account'

export { API_TOKEN_PREFIX }

export const newSecret = () => toBase64Url(randomBytes(32))
export const newApiToken = () => API_TOKEN_PREFIX + newSecret()
export const newUserId = () => toBase64Url(randomBytes(16))

export const secretHash = (secret: string) => createHash('sha256').update(secret).digest()
