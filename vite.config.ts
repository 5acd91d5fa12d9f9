import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [sveltekit()],
  // PUBLIC_API_ORIGIN (split deploy) reaches the app as import.meta.env.PUBLIC_API_ORIGIN.
  envPrefix: ['VITE_', 'PUBLIC_'],
  server: {
    port: 5173,
    fs: { allow: ['locales'] },
    proxy: { '/api': 'http://localhost:5100' },
  },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'locales/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
