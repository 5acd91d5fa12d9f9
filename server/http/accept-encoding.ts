// Content negotiation of Accept-Encoding (RFC 9110 §12.5.3) between brotli, gzip and the bytes as
// they are. Browsers send a handful of spellings, so each is parsed once and remembered.
export type Encoding = 'br' | 'gzip' | 'identity'

/** Which of br and gzip the client takes; identity is always possible unless refused. */
export interface Accepted {
  br: boolean
  gzip: boolean
}

const NONE: Accepted = { br: false, gzip: false }
const remembered = new Map<string, Accepted>()
/** Enough for every browser's spelling; a client inventing new ones cannot grow it further. */
const REMEMBER_AT_MOST = 64

function parse(header: string): Accepted {
  const q: Record<string, number> = {}
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    let weight = 1
    for (const param of params) {
      const [key, value] = param.trim().split('=')
      if (key === 'q') weight = Number(value)
    }
    q[name] = Number.isFinite(weight) ? weight : 0
  }
  const wildcard = q['*'] ?? 0
  const weight = (name: string) =>
    q[name] ?? (name === 'gzip' ? (q['x-gzip'] ?? wildcard) : wildcard)
  return { br: weight('br') > 0, gzip: weight('gzip') > 0 }
}

/** What `header` (the request's Accept-Encoding, if any) accepts of br and gzip. */
export function acceptedEncodings(header: string | undefined): Accepted {
  if (!header) return NONE
  let accepted = remembered.get(header)
  if (!accepted) {
    accepted = parse(header)
    if (remembered.size < REMEMBER_AT_MOST) remembered.set(header, accepted)
  }
  return accepted
}

/** The encoding to send: brotli when accepted (smallest), else gzip, else the bytes themselves. */
export function chooseEncoding(header: string | undefined): Encoding {
  const { br, gzip } = acceptedEncodings(header)
  return br ? 'br' : gzip ? 'gzip' : 'identity'
}
