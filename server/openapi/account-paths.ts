// The routes and answers sign-in adds to /api (server/auth/), in the document only when sign-in
// is configured: /api/me and its lists and tokens, and what a session or API token changes on the
// other routes (who may create, who may delete and audit, the CSRF and bad-token refusals).
import type { Config } from '../config'
import { JSON_BODY_ERRORS, type Credential, type Operation, type PathItem } from './operations'

const SIGNED_IN: Credential[] = ['session', 'apiToken']

const ACCOUNT_ROUTES: Record<string, PathItem> = {
  '/api/me': {
    get: {
      operationId: 'getMe',
      summary: 'Who is signed in (null if nobody), the create policy and the sign-in URLs',
      tag: 'account',
      answers: { 200: { description: 'The caller', schema: 'Me' } },
      errors: ['invalid_token'],
    },
  },
  '/api/me/pushes': {
    get: {
      operationId: 'listOwnedPushes',
      summary: 'The pushes the signed-in user created, on any device: ids and status, no labels',
      tag: 'account',
      credentials: SIGNED_IN,
      answers: { 200: { description: 'Newest first', schema: 'OwnedPushes' } },
      errors: ['sign_in_required', 'invalid_token'],
    },
  },
  '/api/me/requests': {
    get: {
      operationId: 'listOwnedRequests',
      summary: 'The requests the signed-in user created: ids and status, no labels',
      tag: 'account',
      credentials: SIGNED_IN,
      answers: { 200: { description: 'Newest first', schema: 'OwnedRequests' } },
      errors: ['sign_in_required', 'invalid_token'],
    },
  },
  '/api/me/notifications': {
    get: {
      operationId: 'getNotificationSettings',
      summary: 'Which events of their pushes are e-mailed to the signed-in user, and where',
      tag: 'account',
      credentials: SIGNED_IN,
      answers: { 200: { description: 'The settings', schema: 'NotificationSettings' } },
      errors: ['sign_in_required', 'invalid_token'],
    },
    put: {
      operationId: 'setNotificationSettings',
      summary:
        'Choose which events of their pushes are e-mailed (all three flags, each true or false), and in which language',
      tag: 'account',
      credentials: ['session'],
      body: 'NotificationSettingsBody',
      answers: { 200: { description: 'The settings now', schema: 'NotificationSettings' } },
      errors: [
        ...JSON_BODY_ERRORS,
        'sign_in_required',
        'invalid_token',
        'session_required',
        'foreign_origin',
      ],
    },
  },
  '/api/me/tokens': {
    get: {
      operationId: 'listTokens',
      summary: "The user's API tokens (never their secrets), with the last use",
      tag: 'account',
      credentials: ['session'],
      answers: { 200: { description: 'Oldest first', schema: 'ApiTokenList' } },
      errors: ['sign_in_required', 'invalid_token', 'session_required'],
    },
    post: {
      operationId: 'createToken',
      summary: 'A new API token `hlpat_…`, shown in this answer only',
      tag: 'account',
      credentials: ['session'],
      body: 'CreateTokenBody',
      answers: { 201: { description: 'Created', schema: 'CreatedToken' } },
      errors: [
        ...JSON_BODY_ERRORS,
        'sign_in_required',
        'invalid_token',
        'session_required',
        'foreign_origin',
      ],
    },
  },
  '/api/me/tokens/{tokenId}': {
    parameters: ['TokenId'],
    delete: {
      operationId: 'revokeToken',
      summary: 'Revoke an API token: it authenticates nothing from now on',
      tag: 'account',
      credentials: ['session'],
      answers: { 204: { description: 'Revoked' } },
      errors: [
        'sign_in_required',
        'invalid_token',
        'session_required',
        'foreign_origin',
        'not_found',
      ],
    },
  },
}

const CREATES = new Set(['createPush', 'createFilePush', 'createRequest'])
/** Where the signed-in creator may act without the owner token. */
const OWNED = new Set(['deletePush', 'auditPush', 'listRequestAnswers', 'revealRequestAnswer'])

function signedInOperation(method: string, o: Operation, config: Config): Operation {
  const errors = [...o.errors]
  const add = (code: (typeof errors)[number]) => errors.includes(code) || errors.push(code)
  add('invalid_token')
  if (method !== 'get') add('foreign_origin')
  if (CREATES.has(o.operationId) && config.createPolicy === 'signed-in') add('sign_in_required')
  const credentials = OWNED.has(o.operationId)
    ? [...(o.credentials ?? []), ...SIGNED_IN]
    : o.credentials
  return { ...o, errors, ...(credentials && { credentials }) }
}

/** The route table with sign-in's routes and answers, when sign-in is configured. */
export function withSignIn(routes: Record<string, PathItem>, config: Config) {
  if (!config.auth) return routes
  const changed = Object.fromEntries(
    Object.entries(routes).map(([path, item]) => {
      const { parameters, ...operations } = item
      const isApi = !['/api/config', '/api/health', '/api/openapi.json'].includes(path)
      return [
        path,
        {
          ...(parameters && { parameters }),
          ...Object.fromEntries(
            Object.entries(operations).map(([method, o]) => [
              method,
              isApi ? signedInOperation(method, o as Operation, config) : o,
            ]),
          ),
        },
      ]
    }),
  )
  return { ...changed, ...ACCOUNT_ROUTES }
}
