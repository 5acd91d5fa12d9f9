// HUSHLINK_INSTANCE_NAME: checked at start-up, then served in GET /api/config for recipients.
import { describe, expect, it } from 'vitest'
import { serverConfig } from '../../src/lib/protocol/meta'
import { ConfigError, loadConfig } from '../config'
import { startTestApp } from '../testing/test-support'

describe('HUSHLINK_INSTANCE_NAME', () => {
  it('is null when unset or blank, and trimmed when set', () => {
    expect(loadConfig({}).instanceName).toBeNull()
    expect(loadConfig({ HUSHLINK_INSTANCE_NAME: '   ' }).instanceName).toBeNull()
    expect(loadConfig({ HUSHLINK_INSTANCE_NAME: '  Acme IT  ' }).instanceName).toBe('Acme IT')
    expect(loadConfig({ HUSHLINK_INSTANCE_NAME: 'شركة أكمي — IT' }).instanceName).toBe(
      'شركة أكمي — IT',
    )
  })

  it('refuses a name too long, or with control, line-break or bidi characters, naming itself', () => {
    for (const bad of [
      'x'.repeat(61),
      'Acme\nIT',
      'Acme\tIT',
      'Acme\u0000',
      'Acme\u2028IT',
      'Acme \u202eTI',
      '\u2066Acme\u2069',
      'Acme\u200f',
    ]) {
      expect(() => loadConfig({ HUSHLINK_INSTANCE_NAME: bad }), JSON.stringify(bad)).toThrow(
        ConfigError,
      )
    }
    expect(() => loadConfig({ HUSHLINK_INSTANCE_NAME: 'a\nb' })).toThrow(/HUSHLINK_INSTANCE_NAME/)
    expect(loadConfig({ HUSHLINK_INSTANCE_NAME: 'x'.repeat(60) }).instanceName).toHaveLength(60)
  })

  it('is served in GET /api/config, and null when unnamed, both as the schema says', async () => {
    for (const [env, expected] of [
      [{ HUSHLINK_INSTANCE_NAME: 'Acme IT' }, 'Acme IT'],
      [{}, null],
    ] as const) {
      const t = await startTestApp(env)
      const response = await t.app.request('/api/config')
      const body = await response.json()
      expect(body.instanceName).toBe(expected)
      expect(serverConfig.parse(body).instanceName).toBe(expected)
      await t.close()
    }
  })
})
