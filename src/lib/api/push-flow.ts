// The two halves of a push, end to end: seal and upload on the sender's side, fetch and open
// on the recipient's. Used by the SPA and the CLI so both speak the protocol the same way.
import {
  deriveLinkKeys,
  deriveLinkToken,
  derivePassphraseKeys,
  fromBase64Url,
  generateSecret,
  newPassphraseParams,
  openSealed,
  sealContent,
  toBase64Url,
  type SealedContent,
  type SealedKind,
} from '../crypto'
import type {
  ApiErrorBody,
  CreatePushRequest,
  CreatePushResponse,
  FilePushOptions,
  PushMetadata,
  RevealResponse,
} from '../protocol'
import type { ApiClient } from './client'
import type { ApiFailure, ApiResult } from './http'
import type { ShippedLocale } from '../i18n/shipped-locales'

export interface PushOptions {
  expireAfterViews?: number
  expireAfterSeconds?: number
  retrievalStep?: boolean
  deletableByViewer?: boolean
  locale?: ShippedLocale | null
  passphrase?: string | null
  /** Told of views, failed views and the end (docs/api.md, Webhooks). */
  webhook?: FilePushOptions['webhook']
}

export interface CreatedPush extends CreatePushResponse {
  /** base64url link secret, to be put in the fragment only. */
  secret: string
}

/** What a new push is sealed with, and what the server gets to check the link and passphrase. */
export interface SenderKeys {
  secret: Uint8Array
  /** K: encKey, or bound to the passphrase. Never leaves the client. */
  key: Uint8Array
  linkToken: string
  passphrase: CreatePushRequest['passphrase']
}

export async function senderKeys(passphraseText?: string | null): Promise<SenderKeys> {
  const secret = await generateSecret()
  const { encKey, linkToken } = await deriveLinkKeys(secret)
  const keys: SenderKeys = {
    secret,
    key: encKey,
    linkToken: toBase64Url(linkToken),
    passphrase: null,
  }
  if (passphraseText) {
    const params = await newPassphraseParams()
    const derived = await derivePassphraseKeys(secret, passphraseText, params)
    keys.key = derived.contentKey
    keys.passphrase = {
      salt: toBase64Url(params.salt),
      token: toBase64Url(derived.passToken),
      opslimit: params.opslimit,
      memlimit: params.memlimit,
    }
  }
  return keys
}

/** The create fields besides kind and content, from the sender's keys and choices. */
export function pushFields(keys: SenderKeys, options: PushOptions): FilePushOptions {
  return {
    linkToken: keys.linkToken,
    passphrase: keys.passphrase,
    expireAfterViews: options.expireAfterViews,
    expireAfterSeconds: options.expireAfterSeconds,
    retrievalStep: options.retrievalStep,
    deletableByViewer: options.deletableByViewer,
    locale: options.locale ?? null,
    ...(options.webhook && { webhook: options.webhook }),
  }
}

/** Encrypts content locally and uploads only the ciphertext and hashed-to-be tokens. */
export async function pushSealed(
  api: ApiClient,
  content: SealedContent,
  options: PushOptions = {},
): Promise<ApiResult<CreatedPush>> {
  const keys = await senderKeys(options.passphrase)
  const ciphertext = await sealContent(content, keys.key)
  const result = await api.createPush({
    kind: content.kind,
    ciphertext: toBase64Url(ciphertext),
    ...pushFields(keys, options),
  })
  if (!result.ok) return result
  return { ...result, data: { ...result.data, secret: toBase64Url(keys.secret) } }
}

/** What the recipient's side knows once it has read the fragment. */
export interface OpenedLink {
  id: string
  secret: Uint8Array
  linkToken: string
}

/** Needs no libsodium (link-token.ts), so the metadata request need not wait for its wasm. */
export async function openLink(id: string, secretText: string): Promise<OpenedLink> {
  const secret = fromBase64Url(secretText)
  return { id, secret, linkToken: toBase64Url(deriveLinkToken(secret)) }
}

/** Metadata only; consumes no view. */
export function fetchMetadata(api: ApiClient, link: OpenedLink): Promise<ApiResult<PushMetadata>> {
  return api.getPush(link.id, link.linkToken)
}

export type RevealOutcome =
  { ok: true; content: SealedContent; reveal: RevealResponse } | ApiFailure

export type RecipientKeys =
  | { ok: true; key: Uint8Array; passToken?: string }
  | { ok: false; status: 400; error: ApiErrorBody }

/** The content key, and the pass token a passphrase push's reveal needs. */
export async function recipientKeys(
  link: OpenedLink,
  meta: Pick<PushMetadata, 'passphrase'>,
  passphrase?: string,
): Promise<RecipientKeys> {
  const { encKey } = await deriveLinkKeys(link.secret)
  if (!meta.passphrase) return { ok: true, key: encKey }
  if (!passphrase) {
    return {
      ok: false,
      status: 400,
      error: { error: 'passphrase_required', message: 'This secret needs its passphrase.' },
    }
  }
  const derived = await derivePassphraseKeys(link.secret, passphrase, {
    salt: fromBase64Url(meta.passphrase.salt),
    opslimit: meta.passphrase.opslimit,
    memlimit: meta.passphrase.memlimit,
  })
  return { ok: true, key: derived.contentKey, passToken: toBase64Url(derived.passToken) }
}

/** Consumes one view and decrypts it. A passphrase push needs its metadata and the passphrase. */
export async function revealSealed(
  api: ApiClient,
  link: OpenedLink,
  meta: Pick<PushMetadata, 'kind' | 'passphrase'>,
  passphrase?: string,
): Promise<RevealOutcome> {
  const keys = await recipientKeys(link, meta, passphrase)
  if (!keys.ok) return keys
  const result = await api.reveal(link.id, link.linkToken, keys.passToken)
  if (!result.ok) return result
  const content = await openSealed(
    fromBase64Url(result.data.ciphertext),
    keys.key,
    meta.kind as SealedKind,
  )
  return { ok: true, content, reveal: result.data }
}
