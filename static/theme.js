// Applies the saved light/dark choice before first paint so the page never flashes the wrong theme.
// A file, not an inline script, so a strict Content-Security-Policy can forbid inline code.
try {
  var hushlinkTheme = localStorage.getItem('hushlink.theme')
  if (hushlinkTheme === 'light' || hushlinkTheme === 'dark') {
    document.documentElement.dataset.theme = hushlinkTheme
  }
} catch {
  // Storage disabled: follow the system setting.
}
