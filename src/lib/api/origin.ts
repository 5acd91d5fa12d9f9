// Origins as browsers send them in `Origin`, so settings can be compared with them exactly.

/** True for an http(s) origin written as a browser writes it: https://host[:port], lower case, no path. */
export function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}
