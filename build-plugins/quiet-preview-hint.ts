// Vite plugin: drops SvelteKit's "Run npm run preview to preview your production build locally"
// from `vite build`. Hushlink serves its build with `npm run serve` (or `npm start`), never with
// vite preview, so the hint sends people the wrong way. Kit prints it with console.log while its
// adapter runs (no logger option reaches it), so that one line is filtered, and only then.
import type { Plugin } from 'vite'

// eslint-disable-next-line no-control-regex -- the line comes with ANSI colours on a terminal
const ANSI = /\u001b\[[0-9;]*m/g

export function isPreviewHint(line: unknown): boolean {
  return (
    typeof line === 'string' &&
    /^\s*Run npm run preview to preview your production build locally\.\s*$/.test(
      line.replace(ANSI, ''),
    )
  )
}

/** Two plugins: one filters console.log before Kit's closeBundle, one restores it after. */
export function quietPreviewHint(): Plugin[] {
  const saved: (typeof console.log)[] = []
  return [
    {
      name: 'hushlink:quiet-preview-hint',
      apply: 'build',
      closeBundle: {
        order: 'pre',
        sequential: true,
        handler() {
          const log = console.log
          saved.push(log)
          console.log = (...args: unknown[]) => {
            if (args.length === 1 && isPreviewHint(args[0])) return
            log(...args)
          }
        },
      },
    },
    {
      name: 'hushlink:quiet-preview-hint-end',
      apply: 'build',
      closeBundle: {
        order: 'post',
        sequential: true,
        handler() {
          const log = saved.pop()
          if (log) console.log = log
        },
      },
    },
  ]
}
