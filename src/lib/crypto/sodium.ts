// Loads libsodium once; the Argon2id-capable "sumo" build is loaded only when a passphrase needs it.
import sodiumModule from 'libsodium-wrappers'
import type { SODIUM_API, SODIUM_SUMO_API } from './sodium-api'

/** What the app may call on the standard build: the browser's build has nothing else. */
export type Sodium = Pick<typeof sodiumModule, (typeof SODIUM_API)[number]>
/** What the app may call on the sumo build. */
export type SodiumSumo = Pick<typeof sodiumModule, (typeof SODIUM_SUMO_API)[number]>

let ready: Promise<Sodium> | undefined
let readySumo: Promise<SodiumSumo> | undefined

/** The standard libsodium build, initialised once per process or page. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule)
  return ready
}

/** The sumo build (adds crypto_pwhash), fetched lazily so normal pages stay small. */
export function loadSodiumSumo(): Promise<SodiumSumo> {
  readySumo ??= import('libsodium-wrappers-sumo').then(async (mod) => {
    const sumo = (mod.default ?? mod) as unknown as typeof sodiumModule
    await sumo.ready
    return sumo
  })
  return readySumo
}
