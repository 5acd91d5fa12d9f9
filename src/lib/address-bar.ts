// Takes a key out of the address bar once the page has read it, so it is not left on screen, in
// a screenshot or screen share, or in the tab's history entry.

/** Removes the fragment from the current history entry, without a reload or a new entry. */
export function wipeFragment(): void {
  // Native call on purpose: SvelteKit's replaceState would copy the full URL, fragment
  // included, into history.state. SvelteKit's own keys in history.state are kept.
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search)
}
