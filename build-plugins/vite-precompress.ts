// Vite plugin: once SvelteKit's adapter has written the app to `dir`, precompress it
// (precompress.ts). It runs last, in the outer (server) build whose end writes the output.
import type { Plugin, ResolvedConfig } from 'vite'
import { precompressDir } from './precompress.ts'

export function precompress(dir: string): Plugin {
  let config: ResolvedConfig
  return {
    name: 'hushlink:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        if (!config.build.ssr) return // the client build ends before the adapter writes `dir`
        const { files, written, bytesBefore, bytesBrotli } = await precompressDir(dir)
        config.logger.info(
          `precompressed ${files} files into ${written} .br/.gz twins in ${dir}/ ` +
            `(${Math.round(bytesBefore / 1024)} KiB → ${Math.round(bytesBrotli / 1024)} KiB as brotli)`,
        )
      },
    },
  }
}
