// The recipient page never contradicts itself, says what happened on a reload, gives dead ends a
// way forward, shows a link once, and a Wi-Fi code as a code to scan plus its password.
import { expect, test } from '@playwright/test'
import { pushThroughForm, recordClipboard, pushKindThroughForm } from './ux-helpers'

test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()))
})

test('the ready page does not say "nothing used up" next to a countdown or while opening', async ({
  browser,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'counted', passphrase: 'right' })
  const page = await browser.newPage()
  await page.goto(push.link)
  const note = page.getByTestId('ready-note')
  await expect(note).toContainText('Nothing has been used up yet')

  await page.getByTestId('passphrase-input').fill('wrong')
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('reveal-error')).toContainText('4 attempts left')
  await expect(note).not.toContainText('Nothing has been used up')
  await expect(note).toContainText('Wrong passphrases count')

  // While the reveal runs (a download would too), the page says a view is being used.
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/reveal', async (route) => {
    await held
    await route.continue()
  })
  await page.getByTestId('passphrase-input').fill('right')
  await page.getByTestId('reveal-button').click()
  await expect(note).toContainText('This uses one view')
  await expect(note).not.toContainText('sealed')
  release()
  await expect(page.getByTestId('secret-output')).toHaveText('counted')
})

test('a reload after the reveal says the secret was shown here, and the link opens it again', async ({
  browser,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'shown once here', views: 3 })
  const key = new URL(push.link).hash.slice(1)
  const page = await browser.newPage()
  await page.goto(push.link)

  // Before the reveal: the key is wiped, nothing is used, open the link again.
  await expect(page.getByTestId('reveal-button')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('already-opened-page')).toContainText('Open the original link')
  await expect(page.getByTestId('already-opened-page')).toContainText('Nothing has been used')
  await expect(page.getByTestId('wrong-link-page')).toHaveCount(0)

  await page.goto(push.link)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText('shown once here')
  await page.reload()
  const panel = page.getByTestId('already-opened-page')
  await expect(panel).toContainText('already shown on this page')
  await expect(panel).toContainText('open the original link again')
  await expect(panel).not.toContainText('incomplete')

  // What the tab kept to know this: the push id, never the key or the secret.
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))
  expect(stored).not.toContain(key)
  expect(stored).not.toContain('shown once here')

  // The original link, pasted into the same tab, opens it again while views are left.
  await page.goto(push.link)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText('shown once here')

  // Another tab that never opened it still calls a key-less link incomplete.
  const other = await browser.newPage()
  await other.goto(push.link.split('#')[0])
  await expect(other.getByTestId('wrong-link-page')).toBeVisible()
})

test('dead ends say what to do next and offer a secret of your own; the secret page links nowhere', async ({
  browser,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'one view only', views: 1 })
  const page = await browser.newPage()
  await page.goto(push.link)
  await expect(page.getByTestId('reveal-button')).toBeVisible()
  await expect(page.locator('main a')).toHaveCount(0)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText('one view only')
  await expect(page.locator('main a')).toHaveCount(0)

  const later = await browser.newPage()
  await later.goto(push.link)
  await expect(later.getByTestId('ended-page')).toBeVisible()
  await expect(later.getByTestId('ask-sender')).toContainText('ask the sender for a new link')
  await later.getByTestId('send-your-own').click()
  await expect(later.getByTestId('push-button')).toBeVisible()

  for (const [path, testid] of [
    ['/p/AAAAAAAAAAAAAAAAAAAAAA#truncated', 'wrong-link-page'],
    ['/p/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43), 'unknown-page'],
  ]) {
    const dead = await browser.newPage()
    await dead.goto(path)
    await expect(dead.getByTestId(testid)).toBeVisible()
    await expect(dead.getByTestId('send-your-own')).toHaveAttribute('href', '/')
    await dead.close()
  }
})

test('the locked page offers a way forward too', async ({ browser }) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'locked', passphrase: 'right' })
  const page = await browser.newPage()
  await page.goto(push.link)
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByTestId('passphrase-input').fill(`wrong ${attempt}`)
    await page.getByTestId('reveal-button').click()
    if (attempt < 5) await expect(page.getByTestId('reveal-error')).toContainText(`${5 - attempt}`)
  }
  await expect(page.getByTestId('locked-page')).toContainText('Ask the sender for a new link')
  await expect(page.getByTestId('send-your-own')).toBeVisible()
})

test('the operator-named instance and a "what is this?" on the recipient page', async ({
  browser,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'from Acme' })
  const page = await browser.newPage()
  // As a server started with HUSHLINK_INSTANCE_NAME answers (server/meta/instance-name.test.ts).
  await page.route('**/api/config', async (route) => {
    const response = await route.fetch()
    await route.fulfill({ response, json: { ...(await response.json()), instanceName: 'Acme IT' } })
  })
  await page.goto(push.link)
  await expect(page.getByTestId('instance-name')).toHaveText('Sent through \u2068Acme IT\u2069')
  await expect(page.getByTestId('what-is-this')).toBeHidden()
  await page.getByText('What is this?').click()
  await expect(page.getByTestId('what-is-this')).toContainText('cannot read it')

  // Unnamed: only the explanation.
  const plain = await browser.newPage()
  await plain.goto(push.link)
  await expect(plain.getByTestId('service-note')).toContainText('What is this?')
  await expect(plain.getByTestId('instance-name')).toHaveCount(0)
})

test('a link push is shown once, as a link with a copy button, not in a blurred box', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const copied = await recordClipboard(context)
  const url = 'https://example.org/reset?token=once'
  const link = await pushKindThroughForm(await context.newPage(), 'url', url)
  const page = await context.newPage()
  await page.goto(link)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByRole('link', { name: url })).toHaveAttribute('href', url)
  await expect(page.getByText(url, { exact: true })).toHaveCount(1)
  await expect(page.getByTestId('secret-output')).toHaveCount(0)
  await expect(page.getByTestId('show-secret')).toHaveCount(0)
  await page.getByTestId('copy-secret').click()
  expect(await copied(page)).toBe(url)
})

test('a Wi-Fi QR push: a large code to scan, the network, and the password to copy', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const copied = await recordClipboard(context)
  const link = await pushKindThroughForm(
    await context.newPage(),
    'qr',
    'WIFI:T:WPA;S:Home\\;Net;P:correct\\:horse\\\\battery;H:true;;',
  )
  const page = await context.newPage()
  await page.goto(link)
  await page.getByTestId('reveal-button').click()
  const qr = page.getByTestId('secret-qr')
  await expect(qr).toBeVisible()
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(300)
  await expect(page.getByTestId('wifi-network')).toContainText('Home;Net')
  await expect(page.getByTestId('wifi-network')).toContainText('hidden network')
  await expect(page.getByTestId('secret-output')).toHaveText('correct:horse\\battery')
  await expect(page.getByTestId('secret-output')).toHaveClass(/concealed/)
  await page.getByTestId('copy-secret').click()
  expect(await copied(page)).toBe('correct:horse\\battery')

  // Any other QR content stays text, shown as before.
  const other = await pushKindThroughForm(await context.newPage(), 'qr', 'not a network')
  const plain = await context.newPage()
  await plain.goto(other)
  await plain.getByTestId('reveal-button').click()
  await expect(plain.getByTestId('secret-output')).toHaveText('not a network')
  await expect(plain.getByTestId('wifi-network')).toHaveCount(0)
})
