// What the sender is filling in, and the checks made before anything is encrypted.
import { NONCE_BYTES, paddingBlockFor } from '$lib/crypto'
import {
  DEFAULT_LIMITS,
  sealedContentOf,
  type ContentProblem,
  type PushKind,
  type SealedContent,
  type SealedKind,
  type ServerConfig,
} from '$lib/protocol'
import type { ShippedLocale } from '$lib/i18n/shipped-locales'
import { buildWifi, type WifiNetwork } from '$lib/wifi'
import { filesProblem, type FilesProblem } from './file-draft'

/** What the push holds: text, a link, text shown as a QR code, or files (file-flow.ts). */
export type DraftKind = PushKind

export interface PushDraft {
  kind: DraftKind
  secret: string
  files: File[]
  views: number
  seconds: number
  passphrase: string
  /** Typed again while the passphrase is masked, so a typo cannot lock the recipient out. */
  passphraseConfirm: string
  /** Shown in clear: the sender sees what they typed, and no confirmation is asked. */
  passphraseShown: boolean
  /** A QR push is typed as free text, or filled in as a Wi-Fi network that builds the text. */
  qrMode: 'text' | 'wifi'
  wifi: WifiNetwork
  /** '' lets the recipient's browser choose. */
  recipientLocale: ShippedLocale | ''
  /** The recipient clicks "reveal" before a view is used (docs/protocol.md `retrievalStep`). */
  retrievalStep: boolean
  deletableByViewer: boolean
}

export function emptyDraft(
  limits: Pick<ServerConfig['limits'], 'defaultViews' | 'defaultSeconds'> = DEFAULT_LIMITS,
): PushDraft {
  return {
    kind: 'text',
    secret: '',
    files: [],
    views: limits.defaultViews,
    seconds: limits.defaultSeconds,
    passphrase: '',
    passphraseConfirm: '',
    passphraseShown: false,
    qrMode: 'wifi',
    wifi: { ssid: '', password: '', security: 'WPA', hidden: false },
    recipientLocale: '',
    retrievalStep: true,
    deletableByViewer: true,
  }
}

/** Version byte, nonce and Poly1305 tag around the padded plaintext. */
const SEAL_OVERHEAD = 1 + NONCE_BYTES + 16

/** The exact ciphertext length sealContent will produce for a text push, without encrypting. */
export function sealedTextBytes(secret: string): number {
  const length = new TextEncoder().encode(
    JSON.stringify({ v: 1, kind: 'text', text: secret }),
  ).length
  const block = paddingBlockFor(length)
  // sodium_pad always adds at least one byte, up to the next multiple of the block.
  return (Math.floor(length / block) + 1) * block + SEAL_OVERHEAD
}

/** Problems whose message is `create.<problem>`; the others are `content.*` and `files.*`. */
export const CREATE_PROBLEMS = [
  'emptySecret',
  'tooLarge',
  'invalidViews',
  'invalidExpiry',
  'passphraseMismatch',
  'wifiNoName',
  'wifiNoPassword',
] as const

export type DraftProblem = (typeof CREATE_PROBLEMS)[number] | ContentProblem | FilesProblem

/** The fields of the form, in the order they are shown: each problem sits at one of them. */
export const DRAFT_FIELDS = [
  'content',
  'wifiName',
  'wifiPassword',
  'views',
  'expiry',
  'passphrase',
] as const
export type DraftField = (typeof DRAFT_FIELDS)[number]

type TextDraft = Pick<PushDraft, 'kind' | 'secret'> & Partial<Pick<PushDraft, 'qrMode' | 'wifi'>>

/** The text a text, link or QR draft seals: for a Wi-Fi network, the join code its fields build. */
export function draftText(draft: TextDraft): string {
  return draft.kind === 'qr' && draft.qrMode === 'wifi' && draft.wifi
    ? buildWifi(draft.wifi)
    : draft.secret
}

/** Every field that stops the draft from being pushed, with its problem. */
export function draftProblems(
  draft: PushDraft,
  limits: ServerConfig['limits'],
): Partial<Record<DraftField, DraftProblem>> {
  const problems: Partial<Record<DraftField, DraftProblem>> = {}
  if (draft.kind === 'file') {
    const problem = filesProblem(draft.files, limits)
    if (problem) problems.content = problem
  } else if (draft.kind === 'qr' && draft.qrMode === 'wifi') {
    if (draft.wifi.ssid.trim() === '') problems.wifiName = 'wifiNoName'
    if (draft.wifi.security !== 'nopass' && draft.wifi.password === '')
      problems.wifiPassword = 'wifiNoPassword'
    const content = sealedContentOf('qr', draftText(draft))
    if (!content.ok && !problems.wifiName) problems.content = content.problem
  } else {
    const content = sealedContentOf(draft.kind, draft.secret)
    if (!content.ok) problems.content = content.problem
    else if (sealedTextBytes(draft.secret) > limits.maxTextCiphertextBytes)
      problems.content = 'tooLarge'
  }
  const { views, seconds } = draft
  if (!Number.isInteger(views) || views < limits.minViews || views > limits.maxViews)
    problems.views = 'invalidViews'
  if (!Number.isFinite(seconds) || seconds < limits.minSeconds || seconds > limits.maxSeconds)
    problems.expiry = 'invalidExpiry'
  if (!draft.passphraseShown && draft.passphrase !== draft.passphraseConfirm)
    problems.passphrase = 'passphraseMismatch'
  return problems
}

/** The first thing that stops the draft from being pushed, or null when it can go. */
export function draftProblem(
  draft: PushDraft,
  limits: ServerConfig['limits'],
): DraftProblem | null {
  const problems = draftProblems(draft, limits)
  for (const field of DRAFT_FIELDS) if (problems[field]) return problems[field]
  return null
}

/** The sealed content of a text, link or QR draft that draftProblem let through. */
export function draftContent(draft: TextDraft): SealedContent {
  const content = sealedContentOf(draft.kind as SealedKind, draftText(draft))
  if (!content.ok) throw new RangeError(`the draft cannot be sealed: ${content.problem}`)
  return content.content
}
