// The few plain pages the sign-in routes answer with when something stops a sign-in: no script,
// no style, English only (the app itself is translated; these are seen rarely).
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

export type SignInProblem =
  | 'provider_unavailable'
  | 'sign_in_expired'
  | 'sign_in_rejected'
  | 'sign_in_cancelled'
  | 'not_allowed_domain'
  | 'not_allowed_group'

const PROBLEMS: Record<
  SignInProblem,
  { status: ContentfulStatusCode; title: string; text: string }
> = {
  provider_unavailable: {
    status: 503,
    title: 'The sign-in service cannot be reached',
    text: 'The identity provider of this server does not answer right now. Try again in a few minutes. Opening a secret link does not need an account and still works.',
  },
  sign_in_expired: {
    status: 400,
    title: 'This sign-in has expired',
    text: 'The sign-in took too long, or this page was opened twice. Start again.',
  },
  sign_in_rejected: {
    status: 400,
    title: 'The sign-in could not be verified',
    text: "The identity provider's answer did not pass the checks (it may have been altered or replayed). Start again.",
  },
  sign_in_cancelled: {
    status: 400,
    title: 'The sign-in was cancelled',
    text: 'The identity provider did not sign you in. Start again if you meant to.',
  },
  not_allowed_domain: {
    status: 403,
    title: 'This account may not sign in here',
    text: "Only addresses of this organisation's e-mail domains may sign in to this server.",
  },
  not_allowed_group: {
    status: 403,
    title: 'This account may not sign in here',
    text: 'Your account is not in a group allowed to sign in to this server. Ask your administrator.',
  },
}

/** The page of a problem, with the problem's code in `data-problem` for tests and scripts. */
export function problemPage(
  c: Context,
  problem: SignInProblem,
  links: { home: string; login: string },
  detail = '',
) {
  const { status, title, text } = PROBLEMS[problem]
  const who = detail
    ? `<p>Signed in at the provider as <strong>${escape(detail)}</strong>.</p>`
    : ''
  c.header('Cache-Control', 'no-store')
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
      `<body><main data-problem="${problem}"><h1>${title}</h1><p>${text}</p>${who}` +
      `<p><a href="${escape(links.home)}">Back to Hushlink</a> · ` +
      `<a href="${escape(links.login)}">Sign in again</a></p></main></body></html>`,
    status,
  )
}
