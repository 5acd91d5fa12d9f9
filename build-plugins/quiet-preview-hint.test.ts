import { describe, expect, it } from 'vitest'
import { isPreviewHint } from './quiet-preview-hint'

describe('isPreviewHint', () => {
  it("matches SvelteKit's hint, plain or coloured", () => {
    expect(isPreviewHint('\nRun npm run preview to preview your production build locally.')).toBe(
      true,
    )
    expect(
      isPreviewHint(
        '\nRun \u001b[1m\u001b[36mnpm run preview\u001b[39m\u001b[22m to preview your production build locally.',
      ),
    ).toBe(true)
  })

  it('lets every other line through', () => {
    expect(isPreviewHint('Wrote site to "build"')).toBe(false)
    expect(
      isPreviewHint('Run npm run preview to preview your production build locally. Or not'),
    ).toBe(false)
    expect(isPreviewHint(42)).toBe(false)
  })
})
