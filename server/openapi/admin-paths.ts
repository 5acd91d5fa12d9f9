// The admin routes (server/admin/), in the document only when sign-in and admins are configured.
// Every one needs an admin's browser session: an API token answers 403 admin_required.
import type { Config } from '../config'
import type { PathItem } from './operations'

const ADMIN_ROUTES: Record<string, PathItem> = {
  '/api/admin/overview': {
    get: {
      operationId: 'adminOverview',
      summary:
        'Counts of pushes and requests, bytes stored, failed views, and the configuration ' +
        'with secrets redacted; never any content or label',
      tag: 'admin',
      credentials: ['session'],
      answers: { 200: { description: 'The instance now', schema: 'AdminOverview' } },
      errors: ['sign_in_required', 'invalid_token', 'admin_required'],
    },
  },
  '/api/admin/log': {
    parameters: ['Before'],
    get: {
      operationId: 'adminLog',
      summary: 'The admin log, newest first, a page at a time',
      tag: 'admin',
      credentials: ['session'],
      answers: { 200: { description: 'One page', schema: 'AdminLog' } },
      errors: ['invalid_input', 'sign_in_required', 'invalid_token', 'admin_required'],
    },
  },
  '/api/admin/pushes/{id}/takedown': {
    parameters: ['PushId'],
    post: {
      operationId: 'adminTakedown',
      summary: 'End any push now, as `admin`: its bytes are erased and its trail says so',
      description:
        'No body. The trail gets `deleted` with reason `admin` and no address; the admin log ' +
        'records who. A recipient then gets 410 `ended` with reason `admin`.',
      tag: 'admin',
      credentials: ['session'],
      answers: { 200: { description: 'Taken down', schema: 'TakedownResponse' } },
      errors: [
        'sign_in_required',
        'invalid_token',
        'admin_required',
        'foreign_origin',
        'not_found',
        'ended',
      ],
    },
  },
}

/** The route table with the admin routes, when sign-in and admins are configured. */
export function withAdmin(routes: Record<string, PathItem>, config: Config) {
  return config.auth && config.admin ? { ...routes, ...ADMIN_ROUTES } : routes
}
