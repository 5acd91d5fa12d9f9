// The signed-in user, when the server has sign-in (GET /api/me); `enabled` stays false otherwise
// and nothing of sign-in shows.
import { createAccountClient } from '$lib/api/account-client'
import type { MeResponse } from '$lib/protocol'
import { apiUrl, fetchFromApi, sendCredentials } from './api'

export const accountApi = createAccountClient('', fetchFromApi)

export const account = $state<{ enabled: boolean; me: MeResponse | null }>({
  enabled: false,
  me: null,
})

let pending: Promise<void> | undefined

/** Asks once per page who is signed in; the cookie goes along even to an API elsewhere. */
export function loadAccount(): Promise<void> {
  pending ??= (async () => {
    // First without the cookie: a server without sign-in answers 404, and an API on another
    // origin that allows no credentials must not be asked with them (the browser would refuse).
    const probe = await accountApi.me()
    if (!probe.ok) return
    const meFetch = (async (path: string, init?: RequestInit) =>
      fetch(await apiUrl(path), { ...init, credentials: 'include' })) as typeof fetch
    // Sign-in is on: nobody in may only mean the cookie stayed behind (an API elsewhere).
    const result = probe.data.user ? probe : await createAccountClient('', meFetch).me()
    if (!result.ok) return
    sendCredentials()
    account.enabled = true
    account.me = result.data
  })()
  return pending
}

/** Whether a creation form must give way to the sign-in button (policy `signed-in`, nobody in). */
export function mustSignInToCreate(): boolean {
  return account.me?.createPolicy === 'signed-in' && !account.me.user
}

/** Where the sign-in button goes: the server's login, back to this page afterwards. */
export function loginHref(me: MeResponse): string {
  return `${me.loginUrl}?return=${encodeURIComponent(location.href)}`
}

export async function signOut(): Promise<void> {
  if (!account.me) return
  await fetch(account.me.logoutUrl, { method: 'POST', credentials: 'include' }).catch(() => null)
  location.reload()
}
