// Request links: the sender's link carries the requester's public key, and the check against the
// server's copy refuses a swapped, missing or malformed key (docs/protocol.md test vector).
import { describe, expect, it } from 'vitest'
import { requestFragment, requestKeyPairFrom, toBase64Url } from './crypto'
import {
  checkRequestKey,
  parseRequestLink,
  privateRequestLink,
  publicRequestLink,
} from './request-link'

const ORIGIN = 'https://hush.example.org'
const ID = 'AAECAwQFBgcICQoLDA0ODw' // bytes 00 … 0f
const SK = Uint8Array.from({ length: 32 }, (_, i) => i) // bytes 00 … 1f
const OWNER_TOKEN = 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8' // bytes 20 … 3f
const PK = 'j0DFrbaPJWJK5bIU6nZ6bslNgp09e14a0bpvPiE4KF8'

describe('the protocol test vector', () => {
  it('derives the public key and both links', async () => {
    const { publicKey } = await requestKeyPairFrom(SK)
    expect(Buffer.from(publicKey).toString('hex')).toBe(
      '8f40c5adb68f25624ae5b214ea767a6ec94d829d3d7b5e1ad1ba6f3e2138285f',
    )
    expect(toBase64Url(publicKey)).toBe(PK)
    expect(publicRequestLink(ORIGIN, ID, PK)).toBe(
      'https://hush.example.org/request/AAECAwQFBgcICQoLDA0ODw#j0DFrbaPJWJK5bIU6nZ6bslNgp09e14a0bpvPiE4KF8',
    )
    expect(privateRequestLink(ORIGIN, ID, requestFragment(SK, OWNER_TOKEN))).toBe(
      'https://hush.example.org/r/AAECAwQFBgcICQoLDA0ODw#AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw',
    )
  })
})

describe('parseRequestLink', () => {
  it('round-trips both links', () => {
    const fragment = requestFragment(SK, OWNER_TOKEN)
    expect(parseRequestLink(publicRequestLink(ORIGIN + '/', ID, PK))).toEqual({
      kind: 'public',
      origin: ORIGIN,
      id: ID,
      publicKey: PK,
    })
    expect(parseRequestLink(privateRequestLink(ORIGIN, ID, fragment))).toEqual({
      kind: 'private',
      origin: ORIGIN,
      id: ID,
      fragment,
    })
  })

  it('keeps a public link without a usable key, with publicKey null (it will be refused)', () => {
    for (const hash of [
      '',
      '#',
      '#' + PK.slice(0, 42),
      '#' + PK + 'A',
      '#' + PK.slice(0, 42) + 'G',
    ]) {
      expect(parseRequestLink(`${ORIGIN}/request/${ID}${hash}`)).toMatchObject({ publicKey: null })
    }
  })

  it('refuses what is not a request link', () => {
    for (const input of [
      `${ORIGIN}/p/${ID}#${PK}`,
      `${ORIGIN}/r/${ID}`,
      `${ORIGIN}/r/${ID}#${PK}`,
      `${ORIGIN}/request/short#${PK}`,
      `ftp://hush.example.org/request/${ID}#${PK}`,
      'javascript:alert(1)',
    ]) {
      expect(parseRequestLink(input), input).toBeNull()
    }
  })
})

describe('checkRequestKey', () => {
  const other = 'A'.repeat(43)

  it('matches only the very key of the link', () => {
    expect(checkRequestKey(PK, PK)).toBe('match')
    expect(checkRequestKey(PK, other)).toBe('mismatch')
    expect(checkRequestKey(PK, PK.slice(0, 42) + 'G')).toBe('mismatch') // another spelling
    expect(checkRequestKey(PK, '')).toBe('mismatch')
  })

  it('refuses a link that carries no key, or not a 32-byte one', () => {
    expect(checkRequestKey(null, PK)).toBe('missing')
    expect(checkRequestKey('', '')).toBe('missing')
    expect(checkRequestKey(PK.slice(0, 42) + 'G', PK.slice(0, 42) + 'G')).toBe('missing')
  })
})
