// What this tab remembers of the pushes it opened, so a reload (the key is wiped by then) can say
// "already shown here" rather than "incomplete link". Only the push id and one word are kept: never
// the key, never content. sessionStorage ends with the tab.
import type { OpenedMark } from '$lib/views/recipient-state'

const PREFIX = 'hushlink.opened.'

export function openedMark(id: string): OpenedMark | null {
  try {
    const mark = sessionStorage.getItem(PREFIX + id)
    return mark === 'offered' || mark === 'revealed' ? mark : null
  } catch {
    return null // storage disabled: the page falls back to "incomplete link"
  }
}

export function rememberOpened(id: string, mark: OpenedMark): void {
  try {
    sessionStorage.setItem(PREFIX + id, mark)
  } catch {
    // Storage disabled or full: a reload will then read as an incomplete link, nothing worse.
  }
}
