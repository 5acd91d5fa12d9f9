// Vite plugin: the split deploy's settings must come from the environment, not from a .env file.
// svelte.config.js reads PUBLIC_API_ORIGIN and PUBLIC_CONNECT_SRC from process.env for the page's
// CSP (and the recipient's early script is built only without them), before Vite has loaded any
// .env file; the app reads them through Vite, which does load .env. A value in .env alone would
// give an app that calls an API origin its own CSP blocks, so the build stops and says why.
import type { Plugin } from 'vite'

export const SPLIT_DEPLOY_VARS = ['PUBLIC_API_ORIGIN', 'PUBLIC_CONNECT_SRC'] as const

/** The variables whose value Vite loaded (`viteEnv`) differs from the environment's. */
export function envMismatches(
  viteEnv: Record<string, string | undefined>,
  processEnv: Record<string, string | undefined>,
): string[] {
  return SPLIT_DEPLOY_VARS.filter((name) => (viteEnv[name] ?? '') !== (processEnv[name] ?? ''))
}

export function splitDeployEnv(): Plugin {
  return {
    name: 'hushlink:split-deploy-env',
    apply: 'build',
    configResolved(config) {
      const names = envMismatches(config.env, process.env)
      if (names.length === 0) return
      throw new Error(
        `${names.join(' and ')} must be set in the environment of the build, not in a .env file: ` +
          'the page’s Content-Security-Policy is made from the environment before Vite reads .env ' +
          `files (docs/deploy.md). For example: ${names[0]}=… npm run build`,
      )
    },
  }
}
