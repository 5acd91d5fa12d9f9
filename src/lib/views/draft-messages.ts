// The words of each draft problem, with the numbers the sender needs to fix it.
import { formatDuration } from '$lib/i18n/duration'
import { QR_MAX_CHARACTERS, type ServerConfig } from '$lib/protocol'
import { filesProblemValues } from './file-draft'
import { draftText, sealedTextBytes, type DraftProblem, type PushDraft } from './push-draft'

type Translate = (id: string, options?: { values: Record<string, string | number> }) => string

export function problemMessage(
  problem: DraftProblem,
  draft: PushDraft,
  limits: ServerConfig['limits'],
  translate: Translate,
  bytes: (n: number) => string,
): string {
  if (problem === 'noFiles' || problem === 'tooManyFiles' || problem === 'filesTooLarge') {
    return translate(`files.${problem}`, { values: filesProblemValues(draft.files, limits, bytes) })
  }
  if (problem === 'invalidUrl') return translate('content.invalidUrl')
  if (problem === 'qrTooLong') {
    const count = Array.from(draftText(draft)).length
    return translate('content.qrTooLong', { values: { max: QR_MAX_CHARACTERS, count } })
  }
  const values: Record<string, string | number> =
    problem === 'tooLarge'
      ? { size: bytes(sealedTextBytes(draft.secret)), max: bytes(limits.maxTextCiphertextBytes) }
      : problem === 'invalidViews'
        ? { min: limits.minViews, max: limits.maxViews }
        : problem === 'invalidExpiry'
          ? {
              min: formatDuration(limits.minSeconds, translate),
              max: formatDuration(limits.maxSeconds, translate),
            }
          : {}
  return translate(`create.${problem}`, { values })
}
