// Limits, features, the instance's name and its branding from GET /api/config, with the protocol defaults until (or unless) it answers.
import { DEFAULT_LIMITS, type ServerConfig } from '$lib/protocol'
import { api } from './api'

const NO_BRAND = { name: null, logoUrl: null, accent: null, imprintUrl: null, privacyUrl: null }

export const serverConfig = $state<
  Pick<ServerConfig, 'limits' | 'features' | 'instanceName' | 'brand'> & { loaded: boolean }
>({
  limits: { ...DEFAULT_LIMITS },
  features: { passphrase: true, retrievalStep: true, deletableByViewer: true, files: false },
  instanceName: null,
  brand: NO_BRAND,
  loaded: false,
})

let pending: Promise<void> | undefined

/** Fetches the config once per page; failures keep the defaults (the API re-checks every push). */
export function loadServerConfig(): Promise<void> {
  pending ??= api.config().then((result) => {
    if (result.ok && result.data?.limits) {
      serverConfig.limits = { ...serverConfig.limits, ...result.data.limits }
      serverConfig.features = { ...serverConfig.features, ...result.data.features }
      // An older server sends no name: that is the same as none.
      serverConfig.instanceName = result.data.instanceName ?? null
      serverConfig.brand = { ...NO_BRAND, ...result.data.brand }
    }
    serverConfig.loaded = true
  })
  return pending
}
