// Bundles src/lib/views/recipient-early.ts on its own, for index.html to run on recipient paths
// before the app (recipient-preload.ts adds the script): a separate build, so that it shares no
// chunk with the app and stays a few kB, told where the app's build put each locale's messages.
// Written under _app/immutable/ with a hash of its bytes, like the app's own files. Not for builds whose API may live elsewhere (PUBLIC_API_ORIGIN,
// PUBLIC_CONNECT_SRC): the early request only knows the page's own origin.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Rolldown } from 'vite'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ENTRY = join(ROOT, 'src/lib/views/recipient-early.ts')

/** Whether this build may ask the API early: only when the API is the page's own origin. */
export const buildsEarlyRequest = (env: NodeJS.ProcessEnv) =>
  !env.PUBLIC_API_ORIGIN?.trim() && !env.PUBLIC_CONNECT_SRC?.trim()

/** Locale → the chunk of its messages, from the app's build manifest (locales/de.json → …). */
export function localeChunks(manifest: Record<string, { file: string }>): Record<string, string> {
  const chunks: Record<string, string> = {}
  for (const [source, { file }] of Object.entries(manifest)) {
    const code = /^locales\/([^/]+)\.json$/.exec(source)?.[1]
    if (code) chunks[code] = file
  }
  return chunks
}

/**
 * Builds the early script into `buildDir`, knowing where the app's messages are; its path under
 * `buildDir`, e.g. _app/immutable/chunks/recipient-early.x.js.
 */
export async function bundleEarly(
  buildDir: string,
  locales: Record<string, string>,
): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    resolve: { alias: { $lib: join(ROOT, 'src/lib') } },
    define: { __HUSHLINK_LOCALE_CHUNKS__: JSON.stringify(locales) },
    build: {
      write: false,
      minify: true,
      lib: { entry: ENTRY, formats: ['es'], fileName: 'recipient-early' },
      // Library mode keeps an ES bundle's whitespace; every byte of this one is waited on.
      rolldownOptions: { output: { minify: true } },
    },
  })) as Rolldown.RolldownOutput[]
  const chunks = output.flatMap((o) => o.output).filter((o) => o.type === 'chunk')
  if (chunks.length !== 1) throw new Error(`recipient-early: ${chunks.length} chunks, not one`)
  const code = chunks[0].code
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8)
  const file = `_app/immutable/chunks/recipient-early.${hash}.js`
  mkdirSync(join(buildDir, dirname(file)), { recursive: true })
  writeFileSync(join(buildDir, file), code)
  return file
}
