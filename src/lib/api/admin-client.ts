// The admin calls (docs/api.md, "Admin"): the overview, takedowns and the admin log. They need an
// admin's browser session; the session cookie goes along. Never throws.
import type { AdminLog, AdminOverview, TakedownResponse } from '../protocol'
import { createHttp, type ApiResult } from './http'

export interface AdminClient {
  overview(): Promise<ApiResult<AdminOverview>>
  /** A page of the admin log; `before` is the previous page's `next`. */
  log(before?: number | null): Promise<ApiResult<AdminLog>>
  takedown(pushId: string): Promise<ApiResult<TakedownResponse>>
}

export function createAdminClient(origin = '', fetchImpl: typeof fetch = fetch): AdminClient {
  const { call } = createHttp(origin, fetchImpl)
  return {
    overview: () => call('GET', '/admin/overview'),
    log: (before) => call('GET', before ? `/admin/log?before=${before}` : '/admin/log'),
    takedown: (pushId) => call('POST', `/admin/pushes/${encodeURIComponent(pushId)}/takedown`),
  }
}
