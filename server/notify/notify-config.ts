// The settings of notifications and metrics: where the instance is reached (for links in
// notifications), webhook delivery, and the metrics token. Read once by loadConfig (server/config.ts).
import { DAY_SECONDS } from '../../src/lib/protocol'
import { boolVar, ConfigError, intVar, type Env } from '../config-vars'

/** Delivery of push webhooks (server/notify/). */
export interface WebhookConfig {
  /** Let webhooks reach loopback, private and link-local addresses (tests, a closed network). */
  allowPrivate: boolean
  /** One delivery attempt's deadline, connection to the last byte read. */
  timeoutMs: number
  /** The first retry's delay; each further one doubles it (at most an hour), with jitter. */
  retryBaseMs: number
  /** A notification still undelivered this long after its event is given up. */
  giveUpMs: number
  /** How often the worker looks for due notifications. */
  pollMs: number
}

/** HUSHLINK_PUBLIC_URL without a slash at the end, or null; parsed once, for sign-in and links. */
export function publicUrlVar(env: Env): string | null {
  const raw = env.HUSHLINK_PUBLIC_URL
  if (!raw) return null
  try {
    const url = new URL(raw)
    if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash) {
      return url.href.replace(/\/+$/, '')
    }
  } catch {
    // reported below
  }
  throw new ConfigError(
    `HUSHLINK_PUBLIC_URL must be the http(s) URL the instance is reached at, like https://secrets.example.com, got "${raw}"`,
  )
}

export function metricsTokenVar(env: Env): string | null {
  const token = env.HUSHLINK_METRICS_TOKEN
  if (!token) return null
  if (token.length < 16 || /\s/.test(token)) {
    throw new ConfigError('HUSHLINK_METRICS_TOKEN must be at least 16 characters, without spaces')
  }
  return token
}

export function webhookVars(env: Env): WebhookConfig {
  return {
    allowPrivate: boolVar(env, 'HUSHLINK_WEBHOOK_ALLOW_PRIVATE', false),
    timeoutMs: intVar(env, 'HUSHLINK_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 60) * 1000,
    retryBaseMs: intVar(env, 'HUSHLINK_WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
    giveUpMs:
      intVar(env, 'HUSHLINK_WEBHOOK_GIVE_UP_SECONDS', DAY_SECONDS, 1, 30 * DAY_SECONDS) * 1000,
    pollMs: intVar(env, 'HUSHLINK_WEBHOOK_POLL_MS', 1000, 10, 60_000),
  }
}
