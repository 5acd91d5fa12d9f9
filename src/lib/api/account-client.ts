// The sign-in calls (docs/api.md, "Sign-in"): who is signed in, the lists of the dashboard that
// follows the user, deleting an own push without its owner token, API tokens and which events are
// e-mailed. Never throws.
import type {
  ApiTokenList,
  CreatedToken,
  MeResponse,
  NotificationSettings,
  NotificationSettingsBody,
  OwnedPushes,
  OwnedRequests,
} from '../protocol'
import { pushPath } from './client'
import { createHttp, type ApiResult } from './http'

export interface AccountClient {
  /** 404 (or a network failure, cross-origin) when the server has no sign-in. */
  me(): Promise<ApiResult<MeResponse>>
  ownedPushes(): Promise<ApiResult<OwnedPushes>>
  ownedRequests(): Promise<ApiResult<OwnedRequests>>
  /** Deletes a push the signed-in user created, with the session in place of the owner token. */
  deleteOwnedPush(id: string): Promise<ApiResult<null>>
  tokens(): Promise<ApiResult<ApiTokenList>>
  createToken(name: string): Promise<ApiResult<CreatedToken>>
  revokeToken(id: string): Promise<ApiResult<null>>
  /** Which events of the user's pushes are e-mailed, and whether the server sends e-mail. */
  notificationSettings(): Promise<ApiResult<NotificationSettings>>
  setNotificationSettings(
    events: NotificationSettingsBody,
  ): Promise<ApiResult<NotificationSettings>>
}

export function createAccountClient(origin = '', fetchImpl: typeof fetch = fetch): AccountClient {
  const { call } = createHttp(origin, fetchImpl)
  return {
    me: () => call('GET', '/me'),
    ownedPushes: () => call('GET', '/me/pushes'),
    ownedRequests: () => call('GET', '/me/requests'),
    deleteOwnedPush: (id) => call('DELETE', pushPath(id)),
    tokens: () => call('GET', '/me/tokens'),
    createToken: (name) => call('POST', '/me/tokens', { json: { name } }),
    revokeToken: (id) => call('DELETE', '/me/tokens/' + encodeURIComponent(id)),
    notificationSettings: () => call('GET', '/me/notifications'),
    setNotificationSettings: (events) => call('PUT', '/me/notifications', { json: events }),
  }
}
