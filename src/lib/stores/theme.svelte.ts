// Light/dark/system choice, saved in localStorage; the inline script of src/app.html applies it
// before first paint.
export const THEME_CHOICES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]

// Keep in step with src/app.html.
const THEME_KEY = 'hushlink.theme'

function savedTheme(): ThemeChoice {
  try {
    const saved = localStorage.getItem(THEME_KEY)
    return saved === 'light' || saved === 'dark' ? saved : 'system'
  } catch {
    return 'system'
  }
}

export const theme = $state({ choice: savedTheme() })

export function chooseTheme(choice: ThemeChoice): void {
  theme.choice = choice
  const root = document.documentElement
  if (choice === 'system') delete root.dataset.theme
  else root.dataset.theme = choice
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY)
    else localStorage.setItem(THEME_KEY, choice)
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}
