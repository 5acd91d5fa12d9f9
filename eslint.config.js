// ESLint for the whole tree: JS, TypeScript and Svelte 5 components; `npm run lint` runs it.
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import ts from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

export default defineConfig(
  globalIgnores([
    '.svelte-kit/',
    'build/',
    'data/',
    'test-results/',
    'playwright-report/',
    'screenshots/',
    'bench/results/',
    // drizzle-kit writes these; they are regenerated, not edited.
    'server/db/migrations/meta/',
  ]),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: { parserOptions: { extraFileExtensions: ['.svelte'] } },
    rules: {
      // `const { secret: _, ...shown } = x` drops a key on purpose, `for await (const _ of body)`
      // drains a stream: a value named `_` is one the code means not to use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, varsIgnorePattern: '^_$', argsIgnorePattern: '^_$' },
      ],
    },
  },
  {
    // Servers, the CLI, tests, benchmarks, scripts and build configuration run in Node.
    ignores: ['src/**', 'static/**'],
    languageOptions: { globals: globals.node },
  },
  {
    // The SPA and the assets the browser loads as they are.
    files: ['src/**', 'static/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Unit tests beside the SPA's modules run in Node (vitest's node environment).
    files: ['src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, svelteConfig },
    },
  },
)
