// The two halves of a push, end to end: seal and upload on the sender's side, fetch and open
// on the recipient's. Used by the SPA and the CLI so both speak the protocol the same way.
import {
  deriveLinkKeys,
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
import type { ApiErrorBody, CreatePushResponse, PushMetadata, RevealResponse } from '../protocol'
import type { ApiClient, ApiResult } from './client'

export interface PushOptions {
  expireAfterViews?: number
  expireAfterSeconds?: number
  retrievalStep?: boolean
  deletableByViewer?: boolean
  locale?: string | null
  passphrase?: string | null
}

export interface CreatedPush extends CreatePushResponse {
  /** base64url link secret, to be put in the fragment only. */
  secret: string
}

/** Encrypts content locally and uploads only the ciphertext and hashed-to-be tokens. */
export async function pushSealed(
  api: ApiClient,
  content: SealedContent,
  options: PushOptions = {},
): Promise<ApiResult<CreatedPush>> {
  const secret = await generateSecret()
  const { encKey, linkToken } = await deriveLinkKeys(secret)
  let key = encKey
  let passphrase = null
  if (options.passphrase) {
    const params = await newPassphraseParams()
    const derived = await derivePassphraseKeys(secret, options.passphrase, params)
    key = derived.contentKey
    passphrase = {
      salt: toBase64Url(params.salt),
      token: toBase64Url(derived.passToken),
      opslimit: params.opslimit,
      memlimit: params.memlimit,
    }
  }
  const ciphertext = await sealContent(content, key)
  const result = await api.createPush({
    kind: content.kind,
    ciphertext: toBase64Url(ciphertext),
    linkToken: toBase64Url(linkToken),
    passphrase,
    expireAfterViews: options.expireAfterViews,
    expireAfterSeconds: options.expireAfterSeconds,
    retrievalStep: options.retrievalStep,
    deletableByViewer: options.deletableByViewer,
    locale: options.locale ?? null,
  })
  if (!result.ok) return result
  return { ...result, data: { ...result.data, secret: toBase64Url(secret) } }
}

/** What the recipient's side knows once it has read the fragment. */
export interface OpenedLink {
  id: string
  secret: Uint8Array
  linkToken: string
}

export async function openLink(id: string, secretText: string): Promise<OpenedLink> {
  const secret = fromBase64Url(secretText)
  const { linkToken } = await deriveLinkKeys(secret)
  return { id, secret, linkToken: toBase64Url(linkToken) }
}

/** Metadata only; consumes no view. */
export function fetchMetadata(api: ApiClient, link: OpenedLink): Promise<ApiResult<PushMetadata>> {
  return api.getPush(link.id, link.linkToken)
}

export type RevealOutcome =
  | { ok: true; content: SealedContent; reveal: RevealResponse }
  | { ok: false; status: number; error: ApiErrorBody }

/** Consumes one view and decrypts it. A passphrase push needs its metadata and the passphrase. */
export async function revealSealed(
  api: ApiClient,
  link: OpenedLink,
  meta: Pick<PushMetadata, 'kind' | 'passphrase'>,
  passphrase?: string,
): Promise<RevealOutcome> {
  let key = (await deriveLinkKeys(link.secret)).encKey
  let passToken: string | undefined
  if (meta.passphrase) {
    if (!passphrase) {
      return { ok: false, status: 400, error: { error: 'passphrase_required', message: 'This secret needs its passphrase.' } }
    }
    const derived = await derivePassphraseKeys(link.secret, passphrase, {
      salt: fromBase64Url(meta.passphrase.salt),
      opslimit: meta.passphrase.opslimit,
      memlimit: meta.passphrase.memlimit,
    })
    key = derived.contentKey
    passToken = toBase64Url(derived.passToken)
  }
  const result = await api.reveal(link.id, link.linkToken, passToken)
  if (!result.ok) return result
  const content = await openSealed(fromBase64Url(result.data.ciphertext), key, meta.kind as SealedKind)
  return { ok: true, content, reveal: result.data }
}
