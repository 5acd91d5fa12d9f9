import { describe, expect, it } from 'vitest'
import { describeUserAgent, userAgentParts } from './user-agent'

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.7339.16 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
const EDGE_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'

describe('describeUserAgent', () => {
  it('names browser, major version and system', () => {
    expect(describeUserAgent(CHROME_LINUX)).toBe('Chrome 156 on Linux')
    expect(describeUserAgent(HEADLESS)).toBe('Chrome 140 on Linux')
    expect(describeUserAgent(SAFARI_IPHONE)).toBe('Safari 17 on iOS')
    expect(describeUserAgent(FIREFOX_WINDOWS)).toBe('Firefox 128 on Windows')
    expect(describeUserAgent(EDGE_MAC)).toBe('Microsoft Edge 120 on macOS')
  })

  it('leaves out the system version, which browsers freeze (Windows 11 says NT 10.0)', () => {
    expect(userAgentParts(EDGE_MAC)).toEqual({
      browser: 'Microsoft Edge 120',
      os: 'macOS',
      bot: false,
    })
  })

  it('says when a bot fetched the link', () => {
    expect(describeUserAgent('Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe(
      'Googlebot (automated)',
    )
    expect(describeUserAgent('Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)')).toBe(
      'SlackBot (automated)',
    )
  })

  it('returns null for what it cannot tell, so the raw string is shown', () => {
    for (const raw of ['hushlink-cli/0.1.0', 'node', 'curl/8.5.0', '', null, undefined]) {
      expect(describeUserAgent(raw)).toBeNull()
    }
  })

  it('never passes on control or bidi characters as a name: the raw string is shown instead', () => {
    expect(describeUserAgent('Evil\u202eBrowser/1.0 (X11; Linux)')).toBeNull()
    expect(describeUserAgent('a\u001b[2J/1.0 x')).toBeNull()
    expect(describeUserAgent('Foo Browser/2.0 (X11; Linux x86_64)')).toBe('Foo Browser 2 on Linux')
  })

  it('words the sentence with the phrases it is given', () => {
    const german = {
      browserOnOs: (b: string, o: string) => `${b} unter ${o}`,
      bot: (n: string) => `${n} (Bot)`,
    }
    expect(describeUserAgent(CHROME_LINUX, german)).toBe('Chrome 156 unter Linux')
    expect(describeUserAgent('Googlebot/2.1', german)).toBe('Googlebot (Bot)')
  })
})
