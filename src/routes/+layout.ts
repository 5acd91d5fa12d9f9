// A single-page app: no server rendering; the language is ready before the first page renders.
import { startI18n } from '$lib/i18n/setup'
import type { LayoutLoad } from './$types'

export const ssr = false
export const prerender = false

export const load: LayoutLoad = async ({ params }) => {
  await startI18n('locale' in params ? params.locale : undefined)
  return {}
}
