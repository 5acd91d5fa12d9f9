// A single-page app: no server rendering; the language is ready before the first page renders.
import { redirect } from '@sveltejs/kit'
import { bestAvailableLocale } from '$lib/i18n/available-locales'
import { startI18n } from '$lib/i18n/setup'
import { loadServerConfig } from '$lib/stores/server-config.svelte'
import { startRecipient } from '$lib/views/recipient-start'
import type { LayoutLoad } from './$types'

export const ssr = false
export const prerender = false

export const load: LayoutLoad = async ({ params, route, url }) => {
  const urlLocale = 'locale' in params ? params.locale : undefined
  const shipped = urlLocale && bestAvailableLocale([urlLocale])
  if (urlLocale && shipped && shipped !== urlLocale) {
    // /zh-Hant/p/… → /zh-TW/p/…, keeping the #secret, which only this browser has ever seen.
    const rest = url.pathname.slice(url.pathname.indexOf('/', 1))
    redirect(308, `/${shipped}${rest}${url.search}${location.hash}`)
  }
  // Asked beside the language and the metadata rather than after the first render: nothing waits
  // for it, and it no longer lengthens the recipient's chain of requests (issue 17).
  void loadServerConfig()
  // A recipient's metadata request and libsodium need no language: started before it, they run
  // while the messages load (the page's own load finds them started).
  if (route.id?.endsWith('/p/[id]') && params.id) startRecipient(params.id, url)
  await startI18n(shipped || undefined)
  return {}
}
