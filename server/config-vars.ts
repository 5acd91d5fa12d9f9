// The primitives every settings module reads the environment with: a variable as an integer in
// range, a boolean, and the one error a bad setting raises (server/index.ts prints it and stops).
export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>

export function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

export function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`)
}

export const fail = (message: string): never => {
  throw new ConfigError(message)
}

/** The environment as read: every variable asked for, in the order first asked, with its value. */
export function recordingEnv(env: Env): { env: Env; read: () => [string, string | undefined][] } {
  const names = new Set<string>()
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') names.add(name)
      return Reflect.get(target, name)
    },
  })
  return { env: recording, read: () => [...names].map((name) => [name, env[name]]) }
}
