// Push flow against an in-memory ApiClient, used for two things only: what leaves the client,
// and whether the passphrase opens the content. Server behaviour is tested against the server.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  deriveLinkKeys,
  derivePassphraseKeys,
  fromBase64Url,
  openSealed,
  toBase64Url,
  type SealedContent,
} from '../crypto'
import type { CreatePushRequest, PassphraseOnWire } from '../protocol'
import type { ApiClient, ApiResult } from './client'
import { openLink, pushSealed, revealSealed, type CreatedPush } from './push-flow'

const ID = 'AAECAwQFBgcICQoLDA0ODw'
const TEXT = 'the vault code is 4711-ÄÖÜ'
const CONTENT: SealedContent = { v: 1, kind: 'text', text: TEXT }
const PASSPHRASE = 'correct horse battery staple'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const refuse = (status: number, error: string) =>
  ({ ok: false, status, error: { error, message: error } }) as const

/** Records every call; reveal answers with the stored ciphertext, checking the pass token or not. */
function createRecordingApi(checkPassToken = true) {
  const sent: unknown[][] = []
  let stored: CreatePushRequest | undefined
  const unused = async (...args: unknown[]): Promise<ApiResult<never>> => {
    sent.push(args)
    return refuse(501, 'not_in_fake')
  }
  const api: ApiClient = {
    config: unused,
    getPush: unused,
    burn: unused,
    deletePush: unused,
    audit: unused,
    async createPush(body) {
      sent.push([body])
      stored = structuredClone(body)
      const data = { id: ID, ownerToken: 'o'.repeat(43), expiresAt: '', viewsRemaining: 5 }
      return { ok: true, status: 201, data }
    },
    async reveal(id, linkToken, passToken) {
      sent.push([id, linkToken, passToken])
      if (!stored || linkToken !== stored.linkToken) return refuse(404, 'not_found')
      if (checkPassToken && passToken !== stored.passphrase?.token) {
        return refuse(403, 'bad_passphrase')
      }
      const data = { ciphertext: stored.ciphertext, viewsRemaining: 4, deletableByViewer: true }
      return { ok: true, status: 200, data }
    },
  }
  return { api, sent, body: () => sent[0][0] as CreatePushRequest }
}

function created(result: ApiResult<CreatedPush>): CreatedPush {
  if (!result.ok) throw new Error(`push failed: ${result.error.error}`)
  return result.data
}

/** What the recipient learns from GET /api/pushes/{id}: the parameters, never the token. */
function publicParams(body: CreatePushRequest): PassphraseOnWire | null {
  if (!body.passphrase) return null
  const { salt, opslimit, memlimit } = body.passphrase
  return { salt, opslimit, memlimit }
}

/** Every spelling in which a secret value could leak into a request. */
function spellings(...values: (Uint8Array | string)[]): string[] {
  return values.flatMap((v) =>
    typeof v === 'string' ? [v] : [toBase64Url(v), hex(v), Buffer.from(v).toString('base64')],
  )
}

describe('pushSealed', () => {
  it('sends ciphertext and link token, never the secret, encKey or plaintext', async () => {
    const fake = createRecordingApi()
    const push = created(await pushSealed(fake.api, CONTENT, { expireAfterViews: 2 }))
    const body = fake.body()
    const secret = fromBase64Url(push.secret)
    const { encKey, linkToken } = await deriveLinkKeys(secret)
    const wire = JSON.stringify(fake.sent)
    for (const leak of spellings(secret, encKey, TEXT, 'vault')) expect(wire).not.toContain(leak)
    expect(body).toMatchObject({ kind: 'text', passphrase: null, expireAfterViews: 2 })
    expect(body.linkToken).toBe(toBase64Url(linkToken))
    expect(await openSealed(fromBase64Url(body.ciphertext), encKey, 'text')).toEqual(CONTENT)
  })

  it('with a passphrase, sends its token and parameters but not it or the content key', async () => {
    const fake = createRecordingApi()
    const push = created(await pushSealed(fake.api, CONTENT, { passphrase: PASSPHRASE }))
    const body = fake.body()
    const secret = fromBase64Url(push.secret)
    expect(body.passphrase).toMatchObject({ opslimit: 2, memlimit: 67108864 })
    const salt = fromBase64Url(body.passphrase!.salt)
    expect(salt).toHaveLength(16)
    const keys = await derivePassphraseKeys(secret, PASSPHRASE, { ...publicParams(body)!, salt })
    const { encKey } = await deriveLinkKeys(secret)
    expect(body.passphrase!.token).toBe(toBase64Url(keys.passToken))
    const wire = JSON.stringify(fake.sent)
    for (const leak of spellings(secret, encKey, keys.contentKey, PASSPHRASE, TEXT)) {
      expect(wire).not.toContain(leak)
    }
    const ciphertext = fromBase64Url(body.ciphertext)
    await expect(openSealed(ciphertext, encKey, 'text')).rejects.toThrow()
    expect(await openSealed(ciphertext, keys.contentKey, 'text')).toEqual(CONTENT)
  })
})

describe('revealSealed with a passphrase', () => {
  const fake = createRecordingApi()
  let secret: string

  beforeAll(async () => {
    secret = created(await pushSealed(fake.api, CONTENT, { passphrase: PASSPHRASE })).secret
  })

  it('opens with the right passphrase, in any NFKC-equivalent spelling', async () => {
    const link = await openLink(ID, secret)
    const meta = { kind: 'text' as const, passphrase: publicParams(fake.body()) }
    const outcome = await revealSealed(fake.api, link, meta, PASSPHRASE.normalize('NFD'))
    expect(outcome).toMatchObject({ ok: true, content: CONTENT })
    const requests = JSON.stringify(fake.sent.slice(1))
    for (const leak of spellings(link.secret, PASSPHRASE)) expect(requests).not.toContain(leak)
  })

  it('fails with a wrong passphrase: the server refuses its token', async () => {
    const link = await openLink(ID, secret)
    const meta = { kind: 'text' as const, passphrase: publicParams(fake.body()) }
    const outcome = await revealSealed(fake.api, link, meta, 'correct horse battery stapler')
    expect(outcome).toMatchObject({ ok: false, status: 403, error: { error: 'bad_passphrase' } })
  })

  it('fails with a wrong passphrase even when a server lets the token through', async () => {
    const lax = createRecordingApi(false)
    const laxSecret = created(await pushSealed(lax.api, CONTENT, { passphrase: PASSPHRASE })).secret
    const meta = { kind: 'text' as const, passphrase: publicParams(lax.body()) }
    const link = await openLink(ID, laxSecret)
    await expect(revealSealed(lax.api, link, meta, 'Tr0ub4dor&3')).rejects.toThrow(/cannot open/)
  })

  it('fails without a passphrase, before asking the server', async () => {
    const link = await openLink(ID, secret)
    const before = fake.sent.length
    const meta = { kind: 'text' as const, passphrase: publicParams(fake.body()) }
    const outcome = await revealSealed(fake.api, link, meta)
    expect(outcome).toMatchObject({ ok: false, error: { error: 'passphrase_required' } })
    expect(fake.sent).toHaveLength(before)
  })
})

describe('openLink', () => {
  it('derives the link token from the fragment and refuses a malformed secret', async () => {
    const secret = Uint8Array.from({ length: 32 }, (_, i) => i)
    const link = await openLink(ID, toBase64Url(secret))
    expect(link.linkToken).toBe('9cSHNPW3NmrldAPvvX4ZD7QGRD9HcDSMKFQQ9XOd9Ng')
    await expect(openLink(ID, toBase64Url(secret).slice(1))).rejects.toThrow()
    await expect(openLink(ID, toBase64Url(secret.subarray(1)))).rejects.toThrow(RangeError)
  })
})
