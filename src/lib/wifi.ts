// Wi-Fi join codes (WIFI:T:WPA;S:name;P:password;H:true;;): build one from a form, read one back.
// The format is ZXing's "barcode contents" convention that phone cameras understand.

export type WifiSecurity = 'WPA' | 'WEP' | 'nopass'

export interface WifiNetwork {
  ssid: string
  password: string
  security: WifiSecurity
  hidden: boolean
}

/** Characters that end or split a field unless escaped with a backslash. */
const SPECIAL = /[\\;,:"]/g

function escapeField(value: string): string {
  return value.replace(SPECIAL, (ch) => '\\' + ch)
}

/** The text of a join code. An open network carries no password, whatever the form held. */
export function buildWifi(network: WifiNetwork): string {
  const fields = [`T:${network.security}`, `S:${escapeField(network.ssid)}`]
  if (network.security !== 'nopass') fields.push(`P:${escapeField(network.password)}`)
  if (network.hidden) fields.push('H:true')
  return `WIFI:${fields.join(';')};;`
}

interface Char {
  ch: string
  escaped: boolean
}

/** Splits `K:value;K:value;;` at unescaped semicolons into keys and unescaped values. */
function readFields(body: string): Map<string, string> | null {
  const fields: Char[][] = [[]]
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (ch === '\\' && i + 1 < body.length)
      fields[fields.length - 1].push({ ch: body[++i], escaped: true })
    else if (ch === ';') fields.push([])
    else fields[fields.length - 1].push({ ch, escaped: false })
  }
  const values = new Map<string, string>()
  for (const field of fields) {
    if (field.length === 0) continue
    const colon = field.findIndex((c) => c.ch === ':' && !c.escaped)
    if (colon < 1) return null
    const key = field
      .slice(0, colon)
      .map((c) => c.ch)
      .join('')
      .toUpperCase()
    let value = field.slice(colon + 1)
    // Unescaped quotes around the whole value mark a name that would otherwise read as hex.
    const isQuote = (c: Char | undefined) => c?.ch === '"' && !c.escaped
    if (value.length >= 2 && isQuote(value[0]) && isQuote(value[value.length - 1]))
      value = value.slice(1, -1)
    if (!values.has(key)) values.set(key, value.map((c) => c.ch).join(''))
  }
  return values
}

function readSecurity(type: string | undefined): WifiSecurity | null {
  const t = (type ?? '').toUpperCase()
  if (t === '' || t === 'NOPASS') return 'nopass'
  if (t === 'WEP') return 'WEP'
  // WPA2, WPA3, SAE and the enterprise variants all join with a password as "WPA" does.
  if (t.startsWith('WPA') || t === 'SAE') return 'WPA'
  return null
}

/** The network a join code describes, or null when the text is not one (no name, unknown type). */
export function parseWifi(text: string): WifiNetwork | null {
  const trimmed = text.trim()
  if (!/^WIFI:/i.test(trimmed)) return null
  const fields = readFields(trimmed.slice(5))
  if (!fields) return null
  const ssid = fields.get('S') ?? ''
  if (ssid === '') return null
  const security = readSecurity(fields.get('T'))
  if (!security) return null
  return {
    ssid,
    password: security === 'nopass' ? '' : (fields.get('P') ?? ''),
    security,
    hidden: (fields.get('H') ?? '').toLowerCase() === 'true',
  }
}
