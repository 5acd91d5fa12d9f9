// Wire shapes of sign-in (docs/sign-in.md): who is signed in, the dashboard that follows the
// user (ids and status only: labels and links stay in the browser), and API tokens.
import { z } from 'zod'
import { count, pushId, pushLocale, requestCloseReason, time } from './fields'
import { pushState } from './pushes'

export const CREATE_POLICIES = ['anyone', 'signed-in'] as const
export const API_TOKEN_PREFIX = 'hlpat_'
export const MAX_TOKEN_NAME_CHARS = 100
/** `hlpat_` and 32 random bytes in base64url. */
export const API_TOKEN_PATTERN = /^hlpat_[A-Za-z0-9_-]{43}$/

export const signedInUser = z.object({
  id: z.string().meta({ description: "The server's id of the user (not the provider's subject)" }),
  email: z.string().nullable().meta({ description: 'As the identity provider last gave it' }),
  name: z.string().nullable(),
})

export const meResponse = z.object({
  user: signedInUser.nullable().meta({ description: 'null when the caller is not signed in' }),
  via: z
    .enum(['session', 'token'])
    .nullable()
    .meta({ description: 'How the caller is authenticated: a session cookie or an API token' }),
  createPolicy: z.enum(CREATE_POLICIES).meta({
    description: '`signed-in`: creating a push, file push or request needs a user',
  }),
  admin: z.boolean().meta({
    description:
      'true when the caller is an admin of this server in a browser session: the app shows the ' +
      'admin page (GET /api/admin/overview); never true with an API token',
  }),
  loginUrl: z.string().meta({ description: 'Where a browser starts signing in (GET)' }),
  logoutUrl: z.string().meta({ description: 'Where a browser signs out (POST)' }),
})
export type MeResponse = z.infer<typeof meResponse>

export const ownedPush = pushState
export type OwnedPush = z.infer<typeof ownedPush>

export const ownedPushes = z.object({
  pushes: z.array(ownedPush).meta({ description: 'Newest first, at most 500' }),
})
export type OwnedPushes = z.infer<typeof ownedPushes>

export const ownedRequest = z.object({
  id: pushId,
  status: z.enum(['open', 'closed']),
  reason: requestCloseReason.nullable(),
  createdAt: time,
  expiresAt: time,
  answersAllowed: count,
  answersRemaining: count,
})
export type OwnedRequest = z.infer<typeof ownedRequest>

export const ownedRequests = z.object({
  requests: z.array(ownedRequest).meta({
    description: 'Newest first, at most 500; the label is not listed (see GET /api/requests/{id})',
  }),
})
export type OwnedRequests = z.infer<typeof ownedRequests>

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(MAX_TOKEN_NAME_CHARS).meta({
    description: 'What the token is for, e.g. "deploy script"',
  }),
})
export type CreateTokenBody = z.infer<typeof createTokenBody>

export const apiTokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: time,
  lastUsedAt: time.nullable().meta({ description: 'To the minute; null if never used' }),
})
export type ApiTokenInfo = z.infer<typeof apiTokenInfo>

export const createdToken = apiTokenInfo.extend({
  token: z.string().regex(API_TOKEN_PATTERN).meta({
    description: 'Shown this once: send it as `Authorization: Bearer hlpat_…`',
  }),
})
export type CreatedToken = z.infer<typeof createdToken>

export const apiTokenList = z.object({ tokens: z.array(apiTokenInfo) })
export type ApiTokenList = z.infer<typeof apiTokenList>

/** The events of the user's pushes that may be e-mailed to them (all off until they choose). */
const mailedEvents = {
  viewed: z.boolean().meta({ description: 'A view of one of their pushes' }),
  failedViews: z.boolean().meta({
    description:
      'Failed attempts to open one (wrong link or passphrase, or after its end), gathered: at most one mail per push every five minutes, with the count',
  }),
  ended: z.boolean().meta({
    description: 'A push ended: views used up, time up, deleted, or locked by wrong passphrases',
  }),
}

export const notificationSettingsBody = z
  .strictObject({
    ...mailedEvents,
    locale: pushLocale.nullable().optional().meta({
      description:
        'The language of the e-mails: a shipped locale, spelled as shipped (the web app sends its own on each save); null: English; absent: unchanged',
    }),
  })
  .meta({
    description:
      'Which events of pushes created from now on are e-mailed; turning one off also stops mail of it for pushes made before',
  })
export type NotificationSettingsBody = z.infer<typeof notificationSettingsBody>

export const notificationSettings = z.object({
  available: z.boolean().meta({
    description:
      'Whether this server sends e-mail (HUSHLINK_SMTP_URL and HUSHLINK_MAIL_FROM set); when false the settings are kept but nothing is sent',
  }),
  email: z.string().nullable().meta({
    description:
      'Where mail goes: the address the identity provider last gave; null: none, no mail',
  }),
  ...mailedEvents,
  locale: pushLocale.nullable().meta({
    description: 'The language of the e-mails as last saved; null: none saved, English',
  }),
})
export type NotificationSettings = z.infer<typeof notificationSettings>
