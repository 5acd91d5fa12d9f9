// Finds the repository paths that comments and docs mention, and which of them do not exist.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import ts from 'typescript'

/** A path some file mentions, with where it is mentioned. */
export interface Mention {
  file: string
  line: number
  path: string
}

/** Top-level folders a mention may start with; build outputs and data are not among them. */
export const TOP_DIRS = [
  '.ci',
  'bench',
  'build-plugins',
  'cli',
  'deploy',
  'docs',
  'e2e',
  'locales',
  'scripts',
  'server',
  'src',
  'static',
]

/** Where the project writes its outputs: a mention of a file there needs only the folder. */
const OUTPUT_DIRS = ['bench/results/']

const SKIPPED_DIRS = new Set([
  '.git',
  '.svelte-kit',
  'build',
  'data',
  'node_modules',
  'playwright-report',
  'screenshots',
  'test-results',
  'results',
])

// `server/app.ts`, `$lib/crypto`, `docs/protocol.md#links`, or a bare markdown file name; not inside
// a URL or a longer path (`https://x/docs/y`, `/data/hushlink.db`).
const PATH = new RegExp(
  String.raw`(?<![\w./$@-])(?:((?:\$lib|${TOP_DIRS.map((d) => d.replace('.', '\\.')).join('|')})/[\w./\[\]=+*{}<>…-]*)|([\w.-]+\.md)\b)`,
  'g',
)

/** The paths a piece of text mentions, without trailing punctuation or `#anchor`. */
export function pathsIn(text: string): string[] {
  return [...text.matchAll(PATH)].map((m) =>
    (m[1] ?? m[2])
      .replace(/^\$lib\//, 'src/lib/')
      .replace(/#.*$/, '')
      .replace(/[.,:;)]+$/, '')
      .replace(/\]+$/, (brackets) => (m[0].includes('[') ? brackets : '')),
  )
}

/** Comments of a TS or JS file, with the line each starts on. */
export function scriptComments(source: string, offsetLine = 0): { line: number; text: string }[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true)
  const seen = new Map<number, { line: number; text: string }>()
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue
      const line = file.getLineAndCharacterOfPosition(range.pos).line + 1 + offsetLine
      seen.set(range.pos, { line, text: source.slice(range.pos, range.end) })
    }
  }
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(source, node.pos))
    collect(ts.getTrailingCommentRanges(source, node.end))
    for (const child of node.getChildren(file)) visit(child)
  }
  visit(file)
  return [...seen.values()].sort((a, b) => a.line - b.line)
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length

/** Comments of a Svelte component: its scripts', its markup's and its styles'. */
export function svelteComments(source: string): { line: number; text: string }[] {
  const comments: { line: number; text: string }[] = []
  for (const m of source.matchAll(/(<script[^>]*>)([\s\S]*?)<\/script>/g)) {
    const offset = lineAt(source, m.index + m[1].length) - 1
    comments.push(...scriptComments(m[2], offset))
  }
  const markup = source.replace(/<script[\s\S]*?<\/script>/g, (block) =>
    block.replace(/[^\n]/g, ' '),
  )
  for (const m of markup.matchAll(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\//g)) {
    comments.push({ line: lineAt(markup, m.index), text: m[0] })
  }
  return comments
}

/** `#` comments of a shell script, Dockerfile or YAML file (whole-line ones). */
export function hashComments(source: string): { line: number; text: string }[] {
  return source
    .split('\n')
    .map((text, index) => ({ line: index + 1, text: text.trim() }))
    .filter(({ text }) => text.startsWith('#'))
}

/** Link targets of a markdown file, and the paths its prose and code mention. */
export function markdownMentions(
  source: string,
): { line: number; path: string; relative: boolean }[] {
  const found: { line: number; path: string; relative: boolean }[] = []
  source.split('\n').forEach((text, index) => {
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].replace(/#.*$/, '')
      if (target && !/^[a-z]+:/i.test(target)) {
        found.push({ line: index + 1, path: target, relative: true })
      }
    }
    const prose = text.replace(/\]\([^)]*\)/g, ']')
    for (const path of pathsIn(prose)) found.push({ line: index + 1, path, relative: false })
  })
  return found
}

/** Whether a mentioned path exists: as written, as a module without its extension, or up to a wildcard. */
export function pathExists(root: string, path: string): boolean {
  const output = OUTPUT_DIRS.find((dir) => path.startsWith(dir))
  if (output) return existsSync(join(root, output))
  const wildcard = path.search(/[*{}<>…]|\.\.\./)
  const literal = wildcard === -1 ? path : dirname(path.slice(0, wildcard) + 'x')
  const full = join(root, literal)
  if (wildcard !== -1) return existsSync(full)
  return ['', '.ts', '.js', '.svelte', '.svelte.ts', '/index.ts'].some((ext) =>
    existsSync(full + ext),
  )
}

function* sourceFiles(root: string, dir = ''): Generator<string> {
  for (const name of readdirSync(join(root, dir))) {
    const path = posix.join(dir, name)
    if (statSync(join(root, path)).isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) yield* sourceFiles(root, path)
    } else yield path
  }
}

function commentsOf(path: string, source: string): { line: number; text: string }[] {
  if (/\.(ts|js|mjs|cjs)$/.test(path)) return scriptComments(source)
  if (path.endsWith('.svelte')) return svelteComments(source)
  if (/(^|\/)(Dockerfile|run)$|\.ya?ml$|\.sh$/.test(path)) return hashComments(source)
  return []
}

/** Every mention of a path that does not exist, in comments of source files and in markdown. */
export function missingPaths(root: string): Mention[] {
  const missing: Mention[] = []
  for (const file of sourceFiles(root)) {
    const source = readFileSync(join(root, file), 'utf8')
    if (file.endsWith('.md')) {
      for (const { line, path, relative: isLink } of markdownMentions(source)) {
        const candidates = isLink
          ? [posix.join(dirname(file), path)]
          : [path, posix.join(dirname(file), path)]
        if (!candidates.some((candidate) => pathExists(root, candidate))) {
          missing.push({ file, line, path })
        }
      }
      continue
    }
    for (const comment of commentsOf(file, source)) {
      comment.text.split('\n').forEach((text, index) => {
        for (const path of pathsIn(text)) {
          const candidates = [path, posix.join(dirname(file), path)]
          if (!candidates.some((candidate) => pathExists(root, candidate))) {
            missing.push({ file, line: comment.line + index, path })
          }
        }
      })
    }
  }
  return missing
}

/** One line per missing path, as `file:line  path`. */
export const describeMissing = (missing: Mention[]) =>
  missing.map((m) => `${m.file}:${m.line}  ${m.path}`).join('\n')
