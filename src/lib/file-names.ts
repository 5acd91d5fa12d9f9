// File names come from the sender, so the recipient's side makes them safe before saving:
// no path, no control or bidi characters, nothing a file system reserves, no duplicates.

// eslint-disable-next-line no-control-regex -- control characters are what this strips
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i
const MAX_NAME_BYTES = 200
const utf8Length = (text: string) => new TextEncoder().encode(text).length

/** Keeps the end (extension) of a name while cutting it to at most `max` UTF-8 bytes. */
function shorten(name: string, max: number): string {
  if (utf8Length(name) <= max) return name
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : ''
  let stem = Array.from(name.slice(0, name.length - ext.length))
  while (stem.length > 0 && utf8Length(stem.join('') + ext) > max) stem = stem.slice(0, -1)
  return stem.join('') + ext
}

/** A name safe to save under on any OS; "file" when nothing usable is left. */
export function safeFileName(name: string): string {
  let safe = name.normalize('NFC').replace(UNSAFE, '_')
  // Windows drops trailing dots and spaces; a leading dot would hide the file (as browsers do).
  safe = safe
    .trim()
    .replace(/[\s.]+$/, '')
    .replace(/^\./, '_')
  if (RESERVED.test(safe)) safe = '_' + safe
  safe = shorten(safe, MAX_NAME_BYTES)
  return safe === '' ? 'file' : safe
}

/** Safe names for a list of files, made unique ("a.txt", "a (2).txt") without changing case. */
export function safeFileNames(names: string[], taken: Iterable<string> = []): string[] {
  const used = new Set([...taken].map((n) => n.toLowerCase()))
  return names.map((name) => {
    const safe = safeFileName(name)
    const dot = safe.lastIndexOf('.')
    const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, '']
    let candidate = safe
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`
    used.add(candidate.toLowerCase())
    return candidate
  })
}
