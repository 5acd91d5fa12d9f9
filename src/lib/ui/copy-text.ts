// Copies text to the clipboard, falling back to the selection of a visible element.

export async function copyText(text: string, fallback?: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    if (!fallback) return false
    if (fallback instanceof HTMLInputElement || fallback instanceof HTMLTextAreaElement) {
      fallback.select()
    } else {
      const range = document.createRange()
      range.selectNodeContents(fallback)
      getSelection()?.removeAllRanges()
      getSelection()?.addRange(range)
    }
    // The legacy command still works where the async clipboard API is blocked (plain http, old Safari).
    return document.execCommand('copy')
  }
}
