// No comment or doc points to a file that does not exist (scripts/repo-paths.ts finds them).
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  describeMissing,
  markdownMentions,
  missingPaths,
  pathExists,
  pathsIn,
  scriptComments,
  svelteComments,
} from './repo-paths'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('pathsIn', () => {
  it('finds repository paths and bare markdown names, without anchors or punctuation', () => {
    expect(pathsIn('see server/app.ts, docs/protocol.md#links and README.md.')).toEqual([
      'server/app.ts',
      'docs/protocol.md',
      'README.md',
    ])
    expect(pathsIn('($lib/crypto) and src/routes/p/[id]')).toEqual([
      'src/lib/crypto',
      'src/routes/p/[id]',
    ])
  })

  it('leaves URLs, absolute paths and folders outside the repository alone', () => {
    expect(pathsIn('https://svelte.dev/docs/kit and /data/hushlink.db, build/index.html')).toEqual(
      [],
    )
  })
})

describe('comments', () => {
  it('are read from TS without the strings and regexes around them', () => {
    const source = [
      "const a = 'server/not-a-comment.ts' // server/app.ts",
      'const b = /\\/\\/ src\\/x/g',
      '/** docs/api.md */',
      'function f() {',
      '  // e2e/y.spec.ts',
      '}',
    ].join('\n')
    const comments = scriptComments(source).map((c) => [c.line, pathsIn(c.text)])
    expect(comments).toEqual([
      [1, ['server/app.ts']],
      [3, ['docs/api.md']],
      [5, ['e2e/y.spec.ts']],
    ])
  })

  it('are read from a Svelte component: script, markup and style, on their own lines', () => {
    const source = [
      '<script lang="ts">',
      '  const x = 1 // src/lib/a.ts',
      '</script>',
      '<!-- src/lib/b.ts -->',
      '<p>src/lib/not-a-comment.ts</p>',
      '<style>',
      '  /* src/lib/c.css */',
      '</style>',
    ].join('\n')
    expect(svelteComments(source).map((c) => [c.line, pathsIn(c.text)])).toEqual([
      [2, ['src/lib/a.ts']],
      [4, ['src/lib/b.ts']],
      [7, ['src/lib/c.css']],
    ])
  })
})

it('markdown links are relative to their file, mentions in prose may be either', () => {
  const mentions = markdownMentions('[api](api.md#errors), [site](https://x.dev), `server/app.ts`')
  expect(mentions).toEqual([
    { line: 1, path: 'api.md', relative: true },
    { line: 1, path: 'server/app.ts', relative: false },
  ])
})

it('a path exists as written, as a module without extension, or up to its wildcard', () => {
  expect(pathExists(ROOT, 'src/lib/crypto')).toBe(true)
  expect(pathExists(ROOT, 'src/lib/crypto/keys')).toBe(true)
  expect(pathExists(ROOT, 'e2e/*.spec.ts')).toBe(true)
  expect(pathExists(ROOT, 'locales/{code}.json')).toBe(true)
  expect(pathExists(ROOT, 'PROTOCOL.md')).toBe(false)
  expect(pathExists(ROOT, 'nowhere/*.ts')).toBe(false)
})

it('no comment in the source and no doc mentions a path that does not exist', () => {
  const missing = missingPaths(ROOT)
  expect(
    missing,
    `Paths that do not exist (file:line  path):\n${describeMissing(missing)}`,
  ).toEqual([])
})
