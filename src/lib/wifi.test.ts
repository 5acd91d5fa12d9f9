// Wi-Fi join codes: the builder's output reads back as the same network, and the parser copes with
// codes other apps write (any field order, escapes, quotes) while refusing what is not one.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildWifi, parseWifi, type WifiNetwork } from './wifi'

describe('buildWifi', () => {
  it('writes type, name, password and the hidden flag', () => {
    expect(buildWifi({ ssid: 'Home', password: 'hunter2', security: 'WPA', hidden: true })).toBe(
      'WIFI:T:WPA;S:Home;P:hunter2;H:true;;',
    )
  })

  it('escapes the characters that would end or split a field', () => {
    const text = buildWifi({ ssid: 'a;b,c', password: 'p:q\\r"s', security: 'WEP', hidden: false })
    expect(text).toBe('WIFI:T:WEP;S:a\\;b\\,c;P:p\\:q\\\\r\\"s;;')
  })

  it('leaves the password out of an open network', () => {
    expect(
      buildWifi({ ssid: 'Cafe', password: 'left over', security: 'nopass', hidden: false }),
    ).toBe('WIFI:T:nopass;S:Cafe;;')
  })
})

describe('parseWifi', () => {
  it('reads fields in any order and any key case', () => {
    expect(parseWifi('WIFI:p:secret;s:Office;H:TRUE;t:WPA;;')).toEqual({
      ssid: 'Office',
      password: 'secret',
      security: 'WPA',
      hidden: true,
    })
  })

  it('unescapes \\; \\, \\: \\\\ and \\"', () => {
    expect(parseWifi('WIFI:S:x\\;y\\,z;T:WPA;P:\\:\\\\\\";;')?.ssid).toBe('x;y,z')
    expect(parseWifi('WIFI:S:x\\;y\\,z;T:WPA;P:\\:\\\\\\";;')?.password).toBe(':\\"')
  })

  it('drops quotes around a name that would read as hex, but keeps escaped ones', () => {
    expect(parseWifi('WIFI:S:"CAFE";T:WPA;P:"0123";;')).toMatchObject({
      ssid: 'CAFE',
      password: '0123',
    })
    expect(parseWifi('WIFI:S:\\"CAFE\\";T:nopass;;')?.ssid).toBe('"CAFE"')
  })

  it('takes WPA2, WPA3 and SAE as WPA, and a missing type as an open network', () => {
    expect(parseWifi('WIFI:T:WPA2;S:a;P:b;;')?.security).toBe('WPA')
    expect(parseWifi('WIFI:T:SAE;S:a;P:b;;')?.security).toBe('WPA')
    expect(parseWifi('WIFI:S:a;P:ignored;;')).toEqual({
      ssid: 'a',
      password: '',
      security: 'nopass',
      hidden: false,
    })
  })

  it('accepts a code without the closing double semicolon and with surrounding whitespace', () => {
    expect(parseWifi('  WIFI:S:a;T:WEP;P:b \n')?.password).toBe('b')
  })

  it('refuses what is not a join code', () => {
    for (const text of [
      '',
      'hello',
      'https://example.org/WIFI:S:a;;',
      'WIFI:',
      'WIFI:T:WPA;P:no name;;',
      'WIFI:S:;T:WPA;;',
      'WIFI:S:a;T:WPA;garbage;;',
      'WIFI:S:a;T:KERBEROS;;',
      'WIFI:S:a;:nokey;;',
    ]) {
      expect(parseWifi(text), text).toBeNull()
    }
  })

  it('keeps the first of a repeated field', () => {
    expect(parseWifi('WIFI:S:first;S:second;T:nopass;;')?.ssid).toBe('first')
  })
})

describe('buildWifi and parseWifi', () => {
  const network: fc.Arbitrary<WifiNetwork> = fc.record({
    ssid: fc.string({ minLength: 1, maxLength: 32, unit: 'binary' }),
    password: fc.string({ maxLength: 63, unit: 'binary' }),
    security: fc.constantFrom('WPA' as const, 'WEP' as const, 'nopass' as const),
    hidden: fc.boolean(),
  })

  it('round-trips every network, whatever characters its name and password hold', () => {
    fc.assert(
      fc.property(network, (n) => {
        const expected = { ...n, password: n.security === 'nopass' ? '' : n.password }
        expect(parseWifi(buildWifi(n))).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })

  it('round-trips the nasty ones', () => {
    for (const ssid of ['"ABCD"', '\\', ';;', 'a:b', ' spaced ', 'WIFI:S:x;;', '"']) {
      const n: WifiNetwork = { ssid, password: ssid + '"', security: 'WPA', hidden: false }
      expect(parseWifi(buildWifi(n))).toEqual(n)
    }
  })
})
