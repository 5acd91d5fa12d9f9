// Loads libsodium once; the Argon2id-capable "sumo" build is loaded only when a passphrase needs it.
import sodiumModule from 'libsodium-wrappers'

export type Sodium = typeof sodiumModule

let ready: Promise<Sodium> | undefined
let readySumo: Promise<Sodium> | undefined

/** The standard libsodium build, initialised once per process or page. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule)
  return ready
}

/** The sumo build (adds crypto_pwhash), fetched lazily so normal pages stay small. */
export function loadSodiumSumo(): Promise<Sodium> {
  readySumo ??= import('libsodium-wrappers-sumo').then(async (mod) => {
    const sumo = (mod.default ?? mod) as unknown as Sodium
    await sumo.ready
    return sumo
  })
  return readySumo
}
