// Every setting of the server, read from the environment once, with defaults (see README).
import { isHttpOrigin } from '../src/lib/api/origin'
import {
  DAY_SECONDS,
  DEFAULT_LIMITS,
  INSTANCE_NAME_MAX_CHARS,
  type ServerConfig,
} from '../src/lib/protocol'
import {
  authConfigOf,
  createPolicyOf,
  type AuthConfig,
  type CreatePolicy,
} from './auth/auth-config'
import { adminVars, type AdminConfig } from './admin/admin-config'
import { boolVar, ConfigError, fail, intVar, recordingEnv, type Env } from './config-vars'
import {
  metricsTokenVar,
  publicUrlVar,
  webhookVars,
  type WebhookConfig,
} from './notify/notify-config'
import { brandVars, type BrandConfig } from './brand/brand-config'
import { mailVars, type MailConfig } from './notify/mail-config'

export { ConfigError } from './config-vars'
export type { WebhookConfig } from './notify/notify-config'
export type { BrandConfig } from './brand/brand-config'
export type { MailConfig } from './notify/mail-config'

export type IpMode = 'full' | 'truncated' | 'none'

export interface Config {
  port: number
  host: string
  databaseUrl: string
  databaseAuthToken: string | undefined
  staticDir: string | null
  /** As GET /api/config publishes them. */
  limits: ServerConfig['limits']
  /** File pushes on or off (HUSHLINK_FILES). */
  files: boolean
  /** An upload unfinished after this long is abandoned and its bytes deleted by the sweeper. */
  staleUploadMs: number
  /** Memory for file downloads at once (each holds about one 1 MiB row); more wait (503). */
  fileMemoryBytes: number
  /** File downloads one client may run at once; more get 429 too_many_downloads. */
  downloadsPerClient: number
  /** A download that takes fewer than minRate × graceMs bytes in any graceMs is dropped. */
  downloadPace: { minBytesPerSecond: number; graceMs: number }
  /** Upload bytes one client may store per window; 0 turns the quota off. */
  fileQuota: { bytes: number; windowSeconds: number }
  /** Body limit of JSON routes other than create. */
  maxJsonBodyBytes: number
  /** A request's headers must all arrive within this (server/http/http-server.ts). */
  headersTimeoutMs: number
  /** The body of any request but an upload must arrive within this after its headers. */
  bodyTimeoutMs: number
  /** A whole request, an upload included, must arrive within this. */
  uploadTimeoutMs: number
  sweepIntervalMs: number
  /** How long an ended push's row and trail are kept; 0 keeps them forever. */
  retentionSeconds: number
  /** failed_view events kept per push, so nobody can flood a trail. */
  maxFailedViewEvents: number
  ipMode: IpMode
  trustProxy: boolean
  /** Per-IP limits of server/http/rate-limit.ts; HUSHLINK_RATE_LIMIT=off turns them off. */
  rateLimit: RateLimitConfig
  /** Send Strict-Transport-Security (only when every client reaches us over TLS). */
  hsts: boolean
  /** Request log lines also go to this file (they always go to stdout). */
  logFile: string | null
  /** Who runs this server, shown to recipients (GET /api/config `instanceName`); null: unnamed. */
  instanceName: string | null
  /** Name, logo, accent and footer links of the operator (server/brand/). */
  brand: BrandConfig
  /** Frontend origins (e.g. https://app.example.com) whose pages may call the API cross-origin. */
  corsOrigins: string[]
  /** OpenID Connect sign-in (server/auth/), or null when HUSHLINK_OIDC_ISSUER is not set. */
  auth: AuthConfig | null
  /** Who may create pushes and requests: `signed-in` needs a session or an API token. */
  createPolicy: CreatePolicy
  /** Where this instance is reached (HUSHLINK_PUBLIC_URL), for links in notifications; no slash at the end. */
  publicUrl: string | null
  webhooks: WebhookConfig
  /** E-mail to signed-in creators of pushes (server/notify/mail-config.ts); null: no e-mail. */
  mail: MailConfig | null
  /** Bearer token of GET /metrics; null turns the metrics off (404). */
  metricsToken: string | null
  /** Who may use the admin page (server/admin/); null: nobody. Needs sign-in. */
  admin: AdminConfig | null
  /** Every variable read, as set (undefined: unset), for the admin page, which redacts secrets. */
  environment: [string, string | undefined][]
}

export interface RateRule {
  limit: number
  windowSeconds: number
}

export interface RateLimitConfig {
  enabled: boolean
  create: RateRule
  reveal: RateRule
  /** 401/403/404/410 answers on a push; when spent, every push route answers 429. */
  failures: RateRule
  /** Addresses remembered per bucket; the least recently seen are forgotten first. */
  maxClients: number
}

function rateRuleVar(env: Env, name: string, limit: number, windowSeconds: number): RateRule {
  return {
    limit: intVar(env, `HUSHLINK_RATE_${name}`, limit, 1, 1_000_000),
    windowSeconds: intVar(env, `HUSHLINK_RATE_${name}_WINDOW_SECONDS`, windowSeconds, 1, 86_400),
  }
}

function ipModeVar(env: Env): IpMode {
  const raw = env.HUSHLINK_IP_MODE ?? 'full'
  if (raw === 'full' || raw === 'truncated' || raw === 'none') return raw
  throw new ConfigError(`HUSHLINK_IP_MODE must be full, truncated or none, got "${raw}"`)
}

const DATABASE_URL = /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/

function databaseUrlVar(env: Env): string {
  const url = env.DATABASE_URL || 'file:data/hushlink.db'
  if (url === ':memory:' || DATABASE_URL.test(url)) return url
  throw new ConfigError(
    `DATABASE_URL must be a file: path or the http(s)://, libsql:// or ws(s):// URL of a libSQL server, got "${url}"`,
  )
}

/** Comma-separated origins, each exactly as a browser sends it in `Origin` (so exact match works). */
function originsVar(env: Env, name: string): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  const bad = items.find((item) => !isHttpOrigin(item))
  if (bad !== undefined) {
    throw new ConfigError(
      `${name} must list origins like https://app.example.com (scheme, lower-case host, port only if not the default; no path or trailing slash), got "${bad}"`,
    )
  }
  return items
}

// Control characters, line breaks and bidi controls: nothing that could break or reorder the
// sentence the name is shown in, or make it look like another name.
const UNSHOWABLE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

function instanceNameVar(env: Env): string | null {
  const name = (env.HUSHLINK_INSTANCE_NAME ?? '').trim()
  if (name === '') return null
  if (name.length > INSTANCE_NAME_MAX_CHARS || UNSHOWABLE.test(name)) {
    throw new ConfigError(
      `HUSHLINK_INSTANCE_NAME must be plain text of at most ${INSTANCE_NAME_MAX_CHARS} characters without control characters or line breaks, got ${JSON.stringify(env.HUSHLINK_INSTANCE_NAME)}`,
    )
  }
  return name
}

export function loadConfig(given: Env = process.env): Config {
  const { env, read } = recordingEnv(given)
  const sessionHours = intVar(env, 'HUSHLINK_SESSION_HOURS', 168, 1, 24 * 365)
  // Parsed once: sign-in's redirect URI and the links in notifications both hang off it.
  const publicUrl = publicUrlVar(env)
  const auth = authConfigOf(env, sessionHours, fail, publicUrl)
  const L = DEFAULT_LIMITS
  const maxViews = intVar(env, 'HUSHLINK_MAX_VIEWS', L.maxViews, 1, 10_000)
  const maxSeconds = intVar(env, 'HUSHLINK_MAX_SECONDS', L.maxSeconds, 60, 3650 * DAY_SECONDS)
  const limits = {
    minViews: L.minViews,
    maxViews,
    defaultViews: intVar(
      env,
      'HUSHLINK_DEFAULT_VIEWS',
      Math.min(L.defaultViews, maxViews),
      1,
      maxViews,
    ),
    minSeconds: L.minSeconds,
    maxSeconds,
    defaultSeconds: intVar(
      env,
      'HUSHLINK_DEFAULT_SECONDS',
      Math.min(L.defaultSeconds, maxSeconds),
      60,
      maxSeconds,
    ),
    maxTextCiphertextBytes: intVar(
      env,
      'HUSHLINK_MAX_TEXT_BYTES',
      L.maxTextCiphertextBytes,
      1024,
      16 * 1024 * 1024,
    ),
    maxPassphraseAttempts: intVar(
      env,
      'HUSHLINK_PASSPHRASE_ATTEMPTS',
      L.maxPassphraseAttempts,
      1,
      100,
    ),
    maxFileBytes: intVar(env, 'HUSHLINK_MAX_FILE_BYTES', L.maxFileBytes, 1024, 1024 * 1024 * 1024),
    maxFiles: intVar(env, 'HUSHLINK_MAX_FILES', L.maxFiles, 1, 100),
  }
  return {
    port: intVar(env, 'PORT', 5100, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: databaseUrlVar(env),
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    staticDir: boolVar(env, 'HUSHLINK_SERVE_FRONTEND', true)
      ? env.HUSHLINK_STATIC_DIR || 'build'
      : null,
    limits,
    files: boolVar(env, 'HUSHLINK_FILES', true),
    staleUploadMs: 3600 * 1000,
    fileMemoryBytes: intVar(
      env,
      'HUSHLINK_FILE_MEMORY_BYTES',
      512 * 1024 * 1024,
      1024 * 1024,
      2 ** 40,
    ),
    downloadsPerClient: intVar(env, 'HUSHLINK_DOWNLOADS_PER_CLIENT', 4, 1, 10_000),
    downloadPace: {
      minBytesPerSecond: intVar(env, 'HUSHLINK_DOWNLOAD_MIN_RATE', 16 * 1024, 1024, 2 ** 30),
      graceMs: intVar(env, 'HUSHLINK_DOWNLOAD_GRACE_MS', 30_000, 100, 3_600_000),
    },
    fileQuota: {
      bytes: intVar(env, 'HUSHLINK_FILE_QUOTA_BYTES', 1024 ** 3, 0, 2 ** 50),
      windowSeconds: intVar(env, 'HUSHLINK_FILE_QUOTA_WINDOW_SECONDS', 86_400, 1, 30 * 86_400),
    },
    maxJsonBodyBytes: 16 * 1024,
    headersTimeoutMs: intVar(env, 'HUSHLINK_HEADERS_TIMEOUT_SECONDS', 20, 1, 600) * 1000,
    bodyTimeoutMs: intVar(env, 'HUSHLINK_BODY_TIMEOUT_SECONDS', 60, 1, 600) * 1000,
    uploadTimeoutMs: intVar(env, 'HUSHLINK_UPLOAD_TIMEOUT_SECONDS', 1800, 600, 86_400) * 1000,
    sweepIntervalMs: intVar(env, 'HUSHLINK_SWEEP_INTERVAL_SECONDS', 60, 1, 86_400) * 1000,
    retentionSeconds: intVar(env, 'HUSHLINK_RETENTION_DAYS', 90, 0, 36_500) * DAY_SECONDS,
    maxFailedViewEvents: intVar(env, 'HUSHLINK_MAX_FAILED_VIEW_EVENTS', 100, 1, 100_000),
    ipMode: ipModeVar(env),
    trustProxy: boolVar(env, 'HUSHLINK_TRUST_PROXY', false),
    rateLimit: {
      enabled: boolVar(env, 'HUSHLINK_RATE_LIMIT', true),
      create: rateRuleVar(env, 'CREATE', 60, 600),
      // Generous: a reveal needs the full link; guessing is held back by the failures limit.
      reveal: rateRuleVar(env, 'REVEAL', 300, 600),
      failures: rateRuleVar(env, 'FAILURES', 20, 600),
      maxClients: intVar(env, 'HUSHLINK_RATE_MAX_CLIENTS', 50_000, 100, 10_000_000),
    },
    hsts: boolVar(env, 'HUSHLINK_HSTS', false),
    logFile: env.HUSHLINK_LOG_FILE || null,
    corsOrigins: originsVar(env, 'HUSHLINK_CORS_ORIGINS'),
    auth,
    createPolicy: createPolicyOf(env, auth, fail),
    publicUrl,
    webhooks: webhookVars(env),
    mail: mailVars(env, auth !== null),
    metricsToken: metricsTokenVar(env),
    instanceName: instanceNameVar(env),
    brand: brandVars(env),
    admin: adminVars(env, auth),
    environment: read(),
  }
}
