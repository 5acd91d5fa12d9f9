// The link's language prefix: any BCP 47 tag of a shipped language (zh-Hant, nb, pt-ao…), spelled
// as the web app ships it (zh-TW, no, pt-PT), the only spelling the server stores.
import { matchLocale } from '../src/lib/i18n/match-locale'
import { SHIPPED_LOCALES, type ShippedLocale } from '../src/lib/i18n/shipped-locales'
import { usageError } from './io'

/** The shipped locale for `--locale`, or a usage error naming the ones there are. */
export function chooseLocale(wanted: string): ShippedLocale {
  const match = matchLocale(wanted, SHIPPED_LOCALES)
  if (match) return match
  throw usageError(
    `--locale wants a language tag (BCP 47) of a shipped language, not "${wanted}"; ` +
      `shipped: ${SHIPPED_LOCALES.join(', ')}`,
  )
}
