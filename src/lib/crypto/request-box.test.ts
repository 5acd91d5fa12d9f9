// Answers sealed to a request key: only that key opens them, as the kind they were sealed as.
import { describe, expect, it } from 'vitest'
import { toBase64Url } from './base64url'
import {
  generateRequestKeyPair,
  openRequestAnswer,
  parseRequestFragment,
  requestFragment,
  requestKeyPairFrom,
  sealToRequest,
  REQUEST_BOX_VERSION,
} from './request-box'
import { DecryptionError } from './seal'

describe('request box', () => {
  it('opens with the key pair it was sealed to, and pads to a size class', async () => {
    const keys = await generateRequestKeyPair()
    const sealed = await sealToRequest({ v: 1, kind: 'text', text: 'hunter2' }, keys.publicKey)
    expect(sealed[0]).toBe(REQUEST_BOX_VERSION)
    expect(sealed.length).toBe(1 + 48 + 256)
    expect(await openRequestAnswer(sealed, keys, 'text')).toEqual({
      v: 1,
      kind: 'text',
      text: 'hunter2',
    })
  })

  it('seals afresh each time (ephemeral sender key)', async () => {
    const keys = await generateRequestKeyPair()
    const a = await sealToRequest({ v: 1, kind: 'text', text: 'x' }, keys.publicKey)
    const b = await sealToRequest({ v: 1, kind: 'text', text: 'x' }, keys.publicKey)
    expect(toBase64Url(a)).not.toBe(toBase64Url(b))
  })

  it('refuses another key, a flipped bit, a wrong kind, a wrong version', async () => {
    const keys = await generateRequestKeyPair()
    const other = await generateRequestKeyPair()
    const sealed = await sealToRequest(
      { v: 1, kind: 'url', url: 'https://example.org/' },
      keys.publicKey,
    )
    await expect(openRequestAnswer(sealed, other, 'url')).rejects.toBeInstanceOf(DecryptionError)
    await expect(openRequestAnswer(sealed, keys, 'text')).rejects.toBeInstanceOf(DecryptionError)
    const flipped = sealed.slice()
    flipped[40] ^= 1
    await expect(openRequestAnswer(flipped, keys, 'url')).rejects.toBeInstanceOf(DecryptionError)
    const version = sealed.slice()
    version[0] = 0x01
    await expect(openRequestAnswer(version, keys, 'url')).rejects.toBeInstanceOf(DecryptionError)
    await expect(openRequestAnswer(sealed.subarray(0, 40), keys, 'url')).rejects.toBeInstanceOf(
      DecryptionError,
    )
  })

  it('will not seal a javascript: URL', async () => {
    const keys = await generateRequestKeyPair()
    await expect(
      sealToRequest({ v: 1, kind: 'url', url: 'javascript:alert(1)' }, keys.publicKey),
    ).rejects.toBeInstanceOf(DecryptionError)
  })

  it('round-trips the private link fragment and recomputes the public key', async () => {
    const keys = await generateRequestKeyPair()
    const ownerToken = toBase64Url(new Uint8Array(32).fill(7))
    const fragment = requestFragment(keys.privateKey, ownerToken)
    expect(fragment).toHaveLength(86)
    const parsed = parseRequestFragment(fragment)
    expect(parsed.ownerToken).toBe(ownerToken)
    expect((await requestKeyPairFrom(parsed.privateKey)).publicKey).toEqual(keys.publicKey)
    expect(() => parseRequestFragment(fragment.slice(0, 43))).toThrow()
  })
})
