// The operator's accent colour (GET /api/config `brand.accent`) in each theme with WCAG AA contrast:
// as link text on the page and card backgrounds, and as a button behind the button's text colour.
// No colour has that in both themes (AA against white and against near-black exclude each other),
// so a theme it fails gets the nearest darker or lighter shade of it that passes. Set through the
// CSSOM, which the page's CSP allows (it has no 'unsafe-inline' for styles).
export type Rgb = readonly [number, number, number]

/** The backgrounds and button text each theme puts the accent against (src/app.css). */
export const THEME_COLOURS = {
  light: { bg: [0xf6, 0xf7, 0xf9], surface: [0xff, 0xff, 0xff], onAccent: [0xff, 0xff, 0xff] },
  dark: { bg: [0x0f, 0x11, 0x15], surface: [0x18, 0x1b, 0x21], onAccent: [0x0f, 0x11, 0x15] },
} as const satisfies Record<string, Record<string, Rgb>>
export type Theme = keyof typeof THEME_COLOURS

/** WCAG 2 AA for normal text. */
export const MIN_CONTRAST = 4.5

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** The WCAG contrast ratio of two colours, from 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** Whether the accent reads well everywhere the theme uses it. */
export function accentFits(accent: Rgb, theme: Theme): boolean {
  return Object.values(THEME_COLOURS[theme]).every((c) => contrast(accent, c) >= MIN_CONTRAST)
}

/** `colour` mixed `share` (0 to 1) of the way towards `target`, in sRGB. */
export function mix(colour: Rgb, target: Rgb, share: number): Rgb {
  return colour.map((c, i) => Math.round(c + (target[i] - c) * share)) as unknown as Rgb
}

const BLACK: Rgb = [0, 0, 0]
const WHITE: Rgb = [255, 255, 255]

/**
 * The accent as the theme shows it: itself where it fits, else the nearest shade of it (darker for
 * the light theme, lighter for the dark) that does, so the brand's hue shows in both themes.
 */
export function accentForTheme(rgb: Rgb, theme: Theme): Rgb | null {
  const target = theme === 'light' ? BLACK : WHITE
  for (let step = 0; step <= 20; step++) {
    const shade = mix(rgb, target, step / 20)
    if (accentFits(shade, theme)) return shade
  }
  return null
}

const css = ([r, g, b]: Rgb) => `rgb(${r} ${g} ${b})`

/** The custom properties that put the accent into each theme (src/app.css reads them). */
export function accentProperties(accent: string, rgb: Rgb): Record<string, string> {
  const properties: Record<string, string> = {}
  const light = accentForTheme(rgb, 'light')
  if (light) {
    const value = accentFits(rgb, 'light') ? accent : css(light)
    properties['--brand-accent-light'] = value
    properties['--brand-accent-light-hover'] = `color-mix(in srgb, ${value}, black 15%)`
    properties['--brand-accent-light-soft'] = `color-mix(in srgb, ${value} 12%, white)`
  }
  const dark = accentForTheme(rgb, 'dark')
  if (dark) {
    const value = accentFits(rgb, 'dark') ? accent : css(dark)
    properties['--brand-accent-dark'] = value
    properties['--brand-accent-dark-hover'] = `color-mix(in srgb, ${value}, white 15%)`
    properties['--brand-accent-dark-soft'] = `color-mix(in srgb, ${value} 20%, #181b21)`
  }
  return properties
}

/** The sRGB pixel a CSS colour paints, as the browser parses it; null if it does not. */
function resolveColour(colour: string): Rgb | null {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })
  if (!context) return null
  context.fillStyle = colour
  context.fillRect(0, 0, 1, 1)
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data
  return [r, g, b]
}

/** Puts the operator's accent on the page, in the themes where it keeps its contrast. */
export function applyAccent(accent: string | null, root: HTMLElement = document.documentElement) {
  if (!accent || !CSS.supports('color', accent)) return
  const rgb = resolveColour(accent)
  if (!rgb) return
  for (const [name, value] of Object.entries(accentProperties(accent, rgb))) {
    root.style.setProperty(name, value)
  }
}
