// `npm start` runs this before serving: it builds the web app only when what the build reads has
// changed since the last successful build, by a hash over the sources and the build's environment
// stamped into the build directory. A fresh clone, or a build that is missing or failed, builds.
//   node --import tsx scripts/build-if-changed.ts [--force]
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What `vite build` reads: sources, translations, configuration and the locked dependencies. */
export const BUILD_INPUTS = [
  'src',
  'static',
  'locales',
  'build-plugins',
  'svelte.config.js',
  'vite.config.ts',
  'tsconfig.json',
  'package-lock.json',
]
/** The environment that shapes the build (README, "When the web app is built"). */
export const BUILD_ENV = ['PUBLIC_API_ORIGIN', 'PUBLIC_CONNECT_SRC']
export const STAMP_FILE = '.hushlink-build-stamp'

const isTest = (name: string) => /\.test\.ts$/.test(name)

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !isTest(entry.name))
    .flatMap((entry) => filesUnder(root, join(path, entry.name)))
}

/** A hash of every input file's path and bytes, and of the build's environment variables. */
export function sourceHash(root: string, env: Record<string, string | undefined>): string {
  const hash = createHash('sha256')
  const files = BUILD_INPUTS.flatMap((input) => filesUnder(root, input)).sort()
  for (const file of files) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  }
  for (const name of BUILD_ENV) hash.update(`${name}=${env[name] ?? ''}\0`)
  return hash.digest('hex')
}

export interface BuildPlan {
  build: boolean
  reason: 'no build' | 'changed' | 'forced' | 'unchanged'
  hash: string
}

export function planBuild(
  root: string,
  outDir: string,
  env: Record<string, string | undefined>,
  force = false,
): BuildPlan {
  const hash = sourceHash(root, env)
  const stamp = join(outDir, STAMP_FILE)
  if (!existsSync(join(outDir, 'index.html')) || !existsSync(stamp)) {
    return { build: true, reason: 'no build', hash }
  }
  if (force) return { build: true, reason: 'forced', hash }
  const built = readFileSync(stamp, 'utf8').trim()
  return built === hash
    ? { build: false, reason: 'unchanged', hash }
    : { build: true, reason: 'changed', hash }
}

/** Builds when the plan says so; the stamp is written only after a build that succeeded. */
export function buildIfChanged(options: {
  root: string
  outDir: string
  env: Record<string, string | undefined>
  force?: boolean
  runBuild: () => number
  log?: (line: string) => void
}): { plan: BuildPlan; status: number } {
  const { root, outDir, env, runBuild, log = console.log } = options
  const plan = planBuild(root, outDir, env, options.force)
  if (!plan.build) {
    log(`The web app in ${relative(root, outDir) || '.'}/ is up to date: not rebuilding.`)
    return { plan, status: 0 }
  }
  log(plan.reason === 'changed' ? 'The web app changed: building it…' : 'Building the web app…')
  // Gone while building: a build that fails half-way must not pass for the last good one.
  rmSync(join(outDir, STAMP_FILE), { force: true })
  const status = runBuild()
  if (status === 0) writeFileSync(join(outDir, STAMP_FILE), plan.hash + '\n')
  return { plan, status }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
  const outDir = resolve(root, process.env.HUSHLINK_BUILD_DIR || 'build')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const { status } = buildIfChanged({
    root,
    outDir,
    env: process.env,
    force: process.argv.includes('--force'),
    runBuild: () =>
      spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1,
  })
  process.exitCode = status
}
