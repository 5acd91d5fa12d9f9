// Browser hygiene, checked from outside: security headers, a strict CSP the app really runs under,
// and a push→reveal flow whose requests, storage, title and address bar never hold a secret.
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { createApiClient } from '../src/lib/api/client'
import { openLink, pushSealed } from '../src/lib/api/push-flow'
import { deriveLinkKeys, fromBase64Url, loadSodium, toBase64Url } from '../src/lib/crypto'
import { buildLink } from '../src/lib/link'
import { captureRequests } from './ux-helpers'

/** Secrets this spec saw; e2e/log-scan.teardown.ts asserts none of them reached the server log. */
function rememberForLogScan(values: Record<string, string>) {
  const dir = process.env.E2E_DATA_DIR
  if (dir) appendFileSync(join(dir, 'secrets-seen.jsonl'), JSON.stringify(values) + '\n')
}

/** Console reports of anything the Content-Security-Policy blocked. */
function captureCspViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text())
  })
  return seen
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  )
}

test.describe('response headers', () => {
  for (const path of ['/', '/p/x', '/de/p/AAAAAAAAAAAAAAAAAAAAAA', '/api/config']) {
    test(`${path} carries the security headers`, async ({ request }) => {
      const response = await request.get(path)
      expect(response.status()).toBe(200)
      const h = response.headers()
      expect(h['referrer-policy']).toBe('no-referrer')
      expect(h['x-content-type-options']).toBe('nosniff')
      expect(h['x-frame-options']).toBe('DENY')
      expect(h['cross-origin-opener-policy']).toBe('same-origin')
      expect(h['permissions-policy']).toContain('camera=()')
      const csp = directives(h['content-security-policy'])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      // No third-party origin anywhere: only keywords and hashes.
      for (const [name, values] of csp) {
        for (const value of values)
          expect(value, name).toMatch(
            /^'(self|none|wasm-unsafe-eval|unsafe-hashes|sha256-[A-Za-z0-9+/=]+)'$/,
          )
      }
      if (path.startsWith('/api/')) {
        expect(h['cache-control']).toBe('no-store')
        expect(csp.get('default-src')).toEqual(["'none'"])
        return
      }
      const script = csp.get('script-src')!
      expect(script).toContain("'self'")
      expect(script).not.toContain("'unsafe-inline'")
      expect(script).not.toContain("'unsafe-eval'")
      expect(script.some((v) => v.startsWith("'sha256-"))).toBe(true)
      expect(csp.get('connect-src')).toEqual(["'self'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('base-uri')).toEqual(["'none'"])
      // The header repeats the built page's own <meta> policy, so its hashes match.
      const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(
        await response.text(),
      )
      expect(meta).not.toBeNull()
      expect(h['content-security-policy']).toBe(
        meta![1].replace(/&#39;/g, "'") + "; frame-ancestors 'none'",
      )
      if (path.includes('/p/')) expect(h['x-robots-tag']).toBe('noindex, nofollow')
      else expect(h['x-robots-tag']).toBeUndefined()
    })
  }
})

test('push→reveal with a passphrase: no request, storage, title or address bar holds a secret', async ({
  browser,
}) => {
  await loadSodium()
  const plaintext = 'correct horse ' + Math.random().toString(36).slice(2)
  const passphrase = 'pass-' + Math.random().toString(36).slice(2)

  const sender = await browser.newContext()
  await sender.grantPermissions(['clipboard-write'])
  const senderPage = await sender.newPage()
  const senderRequests = captureRequests(senderPage)
  const senderViolations = captureCspViolations(senderPage)
  await senderPage.goto('/')
  await senderPage.getByTestId('secret-input').fill(plaintext)
  await senderPage.getByTestId('views-input').fill('2')
  await senderPage.locator('details.options summary').click()
  await senderPage.getByTestId('create-passphrase-input').fill(passphrase)
  await senderPage.getByTestId('create-passphrase-confirm').fill(passphrase)
  const [created] = await Promise.all([
    senderPage.waitForResponse(
      (r) => r.url().endsWith('/api/pushes') && r.request().method() === 'POST',
    ),
    senderPage.getByTestId('push-button').click(),
  ])
  const sent = created.request().postDataJSON()
  const { ownerToken } = await created.json()
  const link = await senderPage.getByTestId('result-link').inputValue()
  const fragment = new URL(link).hash.slice(1)
  expect(fragment).toMatch(/^[A-Za-z0-9_-]{43}$/)
  const linkToken = toBase64Url((await deriveLinkKeys(fromBase64Url(fragment))).linkToken)
  expect(sent.linkToken).toBe(linkToken)
  expect(sent.passphrase).not.toBeNull()

  // Copying the link tells the user so.
  await senderPage.getByTestId('copy-link').click()
  await expect(
    senderPage.getByTestId('copy-link').locator('xpath=following-sibling::*[@role="status"]'),
  ).not.toBeEmpty()

  const recipient = await browser.newContext()
  const page = await recipient.newPage()
  const recipientRequests = captureRequests(page)
  const recipientViolations = captureCspViolations(page)
  await page.goto(link)
  await expect(page.getByTestId('reveal-button')).toBeVisible()
  expect(page.url()).not.toContain('#')
  expect(page.url()).not.toContain(fragment)
  await page.getByTestId('passphrase-input').fill(passphrase)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText(plaintext)
  expect(page.url()).not.toContain(fragment)

  const secrets = { fragment, plaintext, passphrase }
  for (const p of [senderPage, page]) {
    const exposed = await p.evaluate(() => ({
      title: document.title,
      url: location.href,
      historyState: JSON.stringify(history.state),
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    }))
    for (const [name, secret] of Object.entries(secrets)) {
      expect(exposed.title, name).not.toContain(secret)
      expect(exposed.storage, name).not.toContain(secret)
      expect(exposed.historyState, name).not.toContain(secret)
      if (p === page) expect(exposed.url, name).not.toContain(secret)
    }
  }

  // Reloading never brings the fragment back into the address bar.
  await page.reload()
  expect(page.url()).not.toContain(fragment)

  for (const request of [...senderRequests, ...recipientRequests]) {
    expect(request).not.toContain(fragment)
    expect(request).not.toContain(plaintext)
    expect(request).not.toContain(passphrase)
  }
  expect(senderViolations).toEqual([])
  expect(recipientViolations).toEqual([])

  rememberForLogScan({
    fragment,
    plaintext,
    passphrase,
    linkToken,
    ownerToken,
    ciphertext: sent.ciphertext,
    passToken: sent.passphrase.token,
  })
  await sender.close()
  await recipient.close()
})

test('pages render under the CSP without a single violation', async ({ page, baseURL }) => {
  // A QR push whose one view is used up, to see the QR code and then the ended page.
  await loadSodium()
  const api = createApiClient(baseURL)
  const created = await pushSealed(
    api,
    { v: 1, kind: 'qr', text: 'wifi-password' },
    { expireAfterViews: 1 },
  )
  if (!created.ok) throw new Error(created.error.message)
  const link = buildLink(baseURL!, created.data.id, created.data.secret)

  const violations = captureCspViolations(page)
  await page.goto(link)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-qr')).toBeVisible()
  await page.goto('about:blank') // else the same path plus a fragment is only a hash change
  await page.goto(link)
  await expect(page.getByTestId('ended-page')).toBeVisible()
  for (const path of ['/', '/de', '/p/not-an-id', '/p/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43)]) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
  }
  await expect(page.getByTestId('unknown-page')).toBeVisible()
  expect(page.url()).not.toContain('#')
  expect(violations).toEqual([])
  const opened = await openLink(created.data.id, created.data.secret)
  rememberForLogScan({
    fragment: created.data.secret,
    linkToken: opened.linkToken,
    ownerToken: created.data.ownerToken,
  })
})

test('the app cannot be framed by another page', async ({ page, baseURL }) => {
  const console: string[] = []
  page.on('console', (message) => console.push(message.text()))
  // about:blank is another origin than the app, so only frame-ancestors and X-Frame-Options decide.
  await page.setContent(`<iframe src="${baseURL}/"></iframe>`)
  await expect
    .poll(() => console.some((text) => /frame-ancestors|Refused to (display|frame)/.test(text)))
    .toBe(true)
  const frame = page.frames().find((f) => f !== page.mainFrame())
  const framed = (await frame?.evaluate(() => document.body?.innerHTML ?? '').catch(() => '')) ?? ''
  expect(framed).not.toContain('secret-input')
})
