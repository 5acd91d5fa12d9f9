// CLI ⇄ browser: a secret pushed with `hushlink` opens in the web app, and the reverse.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { runBin } from '../cli/bin-process'

/** The real `hushlink` process against the server Playwright started. */
const hushlink = (baseURL: string, home: string, args: string[], input = '') =>
  runBin(args, { HUSHLINK_SERVER: baseURL, HUSHLINK_HOME: home }, input)

/** Secrets this spec saw; e2e/log-scan.teardown.ts asserts none of them reached the server log. */
function rememberForLogScan(link: string) {
  const dir = process.env.E2E_DATA_DIR
  const secret = link.split('#')[1]
  if (dir && secret)
    appendFileSync(join(dir, 'secrets-seen.jsonl'), JSON.stringify({ secret }) + '\n')
}

let home: string
test.beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'hushlink-e2e-cli-'))
})
test.afterAll(() => rmSync(home, { recursive: true, force: true }))

test('a CLI push opens in the browser, once', async ({ browser, baseURL }) => {
  const secret = 'from the CLI ✓ ' + Date.now()
  const push = await hushlink(baseURL!, home, ['push', '--views', '1'], secret)
  expect(push.status, push.stderr).toBe(0)
  const link = push.stdout.trim()
  expect(link.startsWith(baseURL + '/p/')).toBe(true)
  rememberForLogScan(link)

  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(link)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText(secret)
  await context.close()

  const again = await hushlink(baseURL!, home, ['reveal', link])
  expect(again.status).toBe(1)
  expect(again.stderr).toContain('410 views')
})

test('a browser push reveals in the CLI', async ({ browser, baseURL }) => {
  const secret = 'from the browser ' + Date.now()
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/')
  await page.getByTestId('secret-input').fill(secret)
  await page.getByTestId('views-input').fill('2')
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  rememberForLogScan(link)
  await context.close()

  const reveal = await hushlink(baseURL!, home, ['reveal', '--no-newline', link])
  expect(reveal.status, reveal.stderr).toBe(0)
  expect(reveal.stdout).toBe(secret)
  expect(reveal.stderr).toContain('1 view remaining')
})
