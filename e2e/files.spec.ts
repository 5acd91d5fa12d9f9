// File pushes as a person does them: pick files, watch the bars move, open the link elsewhere and
// save identical files. A 60 MiB upload is refused clearly, and the server keeps nothing of it.
import { createHash, randomBytes } from 'node:crypto'
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { runBin } from '../cli/bin-process'
import { streamUpload } from '../server/testing/file-test-support'
import { expectAccessibleInBothThemes, pressPush } from './ux-helpers'

const MiB = 1024 * 1024
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let dir: string
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-e2e-files-'))
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

function inputFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/** Link secrets this spec saw; e2e/log-scan.teardown.ts asserts none reached the server log. */
function rememberForLogScan(link: string) {
  const data = process.env.E2E_DATA_DIR
  if (data)
    appendFileSync(
      join(data, 'secrets-seen.jsonl'),
      JSON.stringify({ secret: link.split('#')[1] }) + '\n',
    )
}

/** Records every value a progress bar shows (data-value, with its label), from the start. */
async function recordProgress(page: Page, testid: string) {
  await page.evaluate((id) => {
    const seen: string[] = []
    ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
      if (!bar) return
      const entry = `${bar.querySelector('.label')?.textContent?.trim()}|${bar.dataset.value}`
      if (seen.at(-1) !== entry) seen.push(entry)
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
  }, testid)
  return async () =>
    (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(
      (e) => {
        const [label, value] = e.split('|')
        return { label, value: Number(value) }
      },
    )
}

/** Slows this page's network, so progress is seen between 0 and 100 even on loopback. */
async function throttle(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  })
}

async function pushFilesInBrowser(
  page: Page,
  paths: string[],
  beforePush?: () => Promise<void>,
): Promise<string> {
  await page.goto('/')
  await page.getByTestId('kind-tab-file').click()
  await page.getByTestId('file-input').setInputFiles(paths)
  await expect(page.getByTestId('file-item')).toHaveCount(paths.length)
  await page.getByTestId('views-input').fill('1')
  await beforePush?.()
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue({ timeout: 60_000 })
  expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/)
  rememberForLogScan(link)
  return link
}

/** Opens the link in a fresh context, reveals, saves every file; returns name → sha256. */
async function receiveInBrowser(
  browser: Browser,
  link: string,
  onPage?: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  await page.goto(link)
  await expect(page.getByTestId('reveal-button')).toBeVisible()
  await onPage?.(page)
  await page.getByTestId('reveal-button').click()
  const saves = page.getByTestId('save-file')
  await expect(page.getByTestId('received-file').first()).toBeVisible({ timeout: 60_000 })
  const hashes: Record<string, string> = {}
  for (let i = 0; i < (await saves.count()); i++) {
    const [download] = await Promise.all([page.waitForEvent('download'), saves.nth(i).click()])
    const path = join(dir, `download-${Date.now()}-${i}`)
    await download.saveAs(path)
    hashes[download.suggestedFilename()] = sha256(readFileSync(path))
  }
  return { context, page, hashes }
}

test('two files, one of 20 MiB, arrive identical in another browser, with moving progress bars', async ({
  browser,
}) => {
  const big = randomBytes(20 * MiB)
  const small = Buffer.from('a small note ✓\n')
  const paths = [inputFile('big-20MiB.bin', big), inputFile('note.txt', small)]

  const sender = await browser.newContext()
  const page = await sender.newPage()
  let uploadProgress: () => Promise<{ label: string; value: number }[]> = async () => []
  const link = await pushFilesInBrowser(page, paths, async () => {
    uploadProgress = await recordProgress(page, 'push-progress')
    await throttle(page, 10 * MiB)
  })
  const sent = await uploadProgress()
  const uploading = sent.filter((p) => p.label.startsWith('Uploading'))
  expect(sent.some((p) => p.label.startsWith('Encrypting'))).toBe(true)
  expect(
    uploading.some((p) => p.value > 0 && p.value < 100),
    JSON.stringify(sent),
  ).toBe(true)
  await sender.close()

  let downloadProgress: () => Promise<{ label: string; value: number }[]> = async () => []
  const {
    context,
    page: recipient,
    hashes,
  } = await receiveInBrowser(browser, link, async (p) => {
    downloadProgress = await recordProgress(p, 'download-progress')
    await throttle(p, 10 * MiB)
  })
  const received = await downloadProgress()
  expect(
    received.some((p) => p.value > 0 && p.value < 100),
    JSON.stringify(received),
  ).toBe(true)
  expect(hashes).toEqual({ 'big-20MiB.bin': sha256(big), 'note.txt': sha256(small) })
  await expect(recipient.getByTestId('views-remaining')).toContainText('last view')

  const again = await context.newPage()
  await again.goto(link)
  await expect(again.getByTestId('ended-page')).toBeVisible()
  await context.close()
})

/** Rows the server keeps of file pushes, read from its database file. */
async function storedFileRows() {
  const db = createClient({ url: `file:${join(process.env.E2E_DATA_DIR!, 'hushlink.db')}` })
  const count = async (sql: string) => Number((await db.execute(sql)).rows[0].n)
  const rows = {
    chunks: await count('SELECT count(*) AS n FROM file_chunks'),
    uploads: await count('SELECT count(*) AS n FROM file_uploads'),
    bigPushes: await count(`SELECT count(*) AS n FROM pushes WHERE size > ${55 * MiB}`),
  }
  db.close()
  return rows
}

test('a 60 MiB upload gets a clear "too large" error, and the server keeps nothing', async ({
  browser,
  baseURL,
}) => {
  const path = inputFile('huge-60MiB.bin', randomBytes(60 * MiB))
  const before = await storedFileRows()
  const context = await browser.newContext()
  const page = await context.newPage()
  const uploads: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/pushes/files')) uploads.push(r.url())
  })

  // The page knows the limit and refuses before encrypting anything.
  await page.goto('/')
  await page.getByTestId('kind-tab-file').click()
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('files-error')).toContainText('too large')
  await expect(page.getByTestId('file-input')).toHaveAttribute('aria-invalid', 'true')
  // Said once, at the files; the button says why it is unavailable without repeating it.
  await expect(page.getByTestId('push-button')).toHaveAttribute('aria-disabled', 'true')
  await expect(page.getByTestId('push-blocked')).toHaveText(
    'Correct the marked fields above to push.',
  )
  await pressPush(page)
  await expect(page.getByText(/too large/)).toHaveCount(1)
  await expect(page.getByTestId('push-error')).toHaveCount(0)
  expect(uploads).toEqual([])

  // A page told a larger limit (or any other client) meets the server's: 413, nothing kept.
  await page.route('**/api/config', async (route) => {
    const response = await route.fetch()
    const config = await response.json()
    config.limits.maxFileBytes = 100 * MiB
    await route.fulfill({ response, json: config })
  })
  await page.goto('/')
  await page.getByTestId('kind-tab-file').click()
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('files-error')).toHaveCount(0)
  await page.getByTestId('push-button').click()
  await expect(page.getByTestId('push-error')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('push-error')).toContainText('refused the files as too large')
  expect(uploads.length).toBe(1)
  await context.close()

  // The same over a plain socket, where the answer is surely read: 413 too_large.
  const answer = await streamUpload(baseURL!, 60 * MiB, true)
  expect(answer.status).toBe(413)
  expect(JSON.parse(answer.body)).toMatchObject({ error: 'too_large' })

  const health = await fetch(`${baseURL}/api/health`)
  expect(health.status).toBe(200)
  expect(await storedFileRows()).toEqual(before)
  expect(before.uploads).toBe(0)
  expect(before.bigPushes).toBe(0)
})

test('files pushed with the CLI open in the browser, and browser files reveal in the CLI', async ({
  browser,
  baseURL,
}) => {
  const home = mkdtempSync(join(tmpdir(), 'hushlink-e2e-cli-'))
  const env = { HUSHLINK_SERVER: baseURL!, HUSHLINK_HOME: home }
  const fromCli = randomBytes(3 * MiB)
  const push = await runBin(
    ['push', '--file', inputFile('from-cli.bin', fromCli), '--views', '1'],
    env,
  )
  expect(push.status, push.stderr).toBe(0)
  const cliLink = push.stdout.trim()
  rememberForLogScan(cliLink)
  const { context, hashes } = await receiveInBrowser(browser, cliLink)
  expect(hashes).toEqual({ 'from-cli.bin': sha256(fromCli) })
  await context.close()

  const fromBrowser = randomBytes(2 * MiB + 3)
  const sender = await browser.newContext()
  const link = await pushFilesInBrowser(await sender.newPage(), [
    inputFile('from-browser.bin', fromBrowser),
  ])
  await sender.close()
  const out = join(dir, 'cli-out')
  const reveal = await runBin(['reveal', link, '--out', out], env)
  expect(reveal.status, reveal.stderr).toBe(0)
  expect(readdirSync(out)).toEqual(['from-browser.bin'])
  expect(sha256(readFileSync(join(out, 'from-browser.bin')))).toBe(sha256(fromBrowser))
  rmSync(home, { recursive: true, force: true })
})

test('the file pages pass axe, light and dark, and the CSP', async ({ browser }) => {
  test.slow() // both themes at every state, on a shared, busy machine
  const reports: string[] = []
  const context = await browser.newContext({ colorScheme: 'light', acceptDownloads: true })
  context.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) reports.push(m.text())
  })
  const page = await context.newPage()
  const paths = [inputFile('a.txt', Buffer.from('a')), inputFile('b.bin', randomBytes(2000))]
  const link = await pushFilesInBrowser(page, paths, async () => {
    await expectAccessibleInBothThemes(page, 'create, files chosen')
    await page
      .getByTestId('file-input')
      .setInputFiles([...paths, ...paths, ...paths, ...paths, ...paths, ...paths])
    await expect(page.getByTestId('files-error')).toBeVisible()
    await expectAccessibleInBothThemes(page, 'create, too many files')
    for (let i = 0; i < 12; i++) await page.getByTestId('file-remove').last().click()
    await expect(page.getByTestId('file-item')).toHaveCount(2)
  })
  const recipient = await context.newPage()
  await recipient.goto(link)
  await expect(recipient.getByTestId('reveal-button')).toBeVisible()
  await expectAccessibleInBothThemes(recipient, 'file reveal prompt')
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('received-file')).toHaveCount(2)
  await expectAccessibleInBothThemes(recipient, 'received files')
  expect(reports).toEqual([])
  await context.close()
})
