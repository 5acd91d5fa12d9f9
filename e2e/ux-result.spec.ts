// The sender's result page: the passphrase reminder, the guard against leaving without the link,
// and passing the link on (instructions in the recipient's language, share sheet, mailto) without
// the link ever reaching the server.
import { expect, test, type Page } from '@playwright/test'
import { pushThroughForm, recordClipboard } from './ux-helpers'

test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()))
})

/** Pushes through the form but leaves the link on the result page, uncopied. */
async function pushWithoutCopying(page: Page, secret: string): Promise<void> {
  await page.goto('/')
  await page.getByTestId('secret-input').fill(secret)
  await page.getByTestId('push-button').click()
  await expect(page.getByTestId('result-link')).toBeVisible()
}

test('the result page says a passphrase is set and must travel another way', async ({
  browser,
}) => {
  const page = await browser.newPage()
  await pushThroughForm(page, { secret: 'with a passphrase', passphrase: 'tell them by phone' })
  await expect(page.getByTestId('passphrase-reminder')).toContainText('another channel')
  await expect(page.getByTestId('passphrase-reminder')).not.toContainText('tell them by phone')

  const plain = await browser.newPage()
  await pushThroughForm(plain, { secret: 'no passphrase' })
  await expect(plain.getByTestId('passphrase-reminder')).toHaveCount(0)
})

test('leaving the result page before the link was copied asks first', async ({ browser }) => {
  const context = await browser.newContext()
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const page = await context.newPage()
  await pushWithoutCopying(page, 'do not lose me')

  // An in-app link: our own dialog; cancelling stays.
  await page.getByTestId('nav-dashboard').click()
  await expect(page.getByTestId('leave-dialog')).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('leave-dialog')).toBeHidden()
  await expect(page.getByTestId('result-link')).toBeVisible()

  // "Push another" leaves the link behind too.
  await page.getByTestId('push-another').click()
  await expect(page.getByTestId('leave-dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('result-link')).toBeVisible()

  // Closing the tab: the browser's own dialog. Dismissing it keeps the page.
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type())
    void dialog.dismiss()
  })
  await page.close({ runBeforeUnload: true })
  await expect.poll(() => dialogs).toEqual(['beforeunload'])
  expect(page.isClosed()).toBe(false)
  await expect(page.getByTestId('result-link')).toBeVisible()

  // Copied: nothing asks any more.
  await page.getByTestId('copy-link').click()
  await expect(page.getByTestId('copy-link').locator('..')).toContainText('Copied')
  await page.getByTestId('nav-dashboard').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  expect(dialogs).toEqual(['beforeunload'])
})

test('leaving anyway goes where the sender clicked', async ({ browser }) => {
  const page = await browser.newPage()
  await pushWithoutCopying(page, 'leave me')
  await page.getByTestId('nav-dashboard').click()
  await page.getByTestId('leave-dialog-confirm').click()
  await expect(page).toHaveURL(/\/dashboard$/)
})

test('a link remembered on the dashboard may be left behind without asking', async ({
  browser,
}) => {
  const page = await browser.newPage()
  await pushWithoutCopying(page, 'kept in this browser')
  await page.getByTestId('remember-link').check()
  await page.getByTestId('nav-dashboard').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0)
})

test('passing the link on: instructions in the recipient language, share sheet, mailto', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const clipboard = await recordClipboard(context)
  // A phone's share sheet, recorded instead of shown.
  await context.addInitScript(() => {
    const shared: ShareData[] = []
    Object.assign(window, { __shared: shared })
    Object.defineProperty(navigator, 'share', {
      value: async (data: ShareData) => void shared.push(data),
    })
  })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url() + ' ' + (request.postData() ?? '')))

  await page.goto('/')
  await page.getByTestId('secret-input').fill('für dich')
  await page.getByTestId('views-input').fill('3')
  await page.locator('details.options summary').click()
  await page.getByTestId('create-passphrase-input').fill('separately')
  await page.getByTestId('create-passphrase-confirm').fill('separately')
  await page.getByTestId('recipient-locale-select').selectOption('de')
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  const key = new URL(link).hash.slice(1)
  expect(key).toHaveLength(43)

  // The sender reads English; the message is German, as the recipient will read it.
  await page.getByTestId('copy-instructions').click()
  const copied = (await clipboard(page)) ?? ''
  expect(copied).toMatch(/^Hier ist das Geheimnis\. .*3 Aufrufe/)
  expect(copied).toContain('Passphrase')
  expect(copied.endsWith('\n\n' + link)).toBe(true)

  await page.getByTestId('share-button').click()
  const shared = await page.evaluate(
    () => (window as unknown as { __shared: ShareData[] }).__shared,
  )
  expect(shared).toHaveLength(1)
  expect(shared[0].text).toBe(copied)

  const mailto = await page.getByTestId('mailto-link').getAttribute('href')
  expect(mailto).toMatch(/^mailto:\?subject=/)
  const body = new URLSearchParams(new URL(mailto!).search).get('body')
  expect(body).toBe(copied.replace(/\n/g, '\r\n'))

  // Copying the instructions counts as keeping the link: leaving does not ask.
  await page.getByTestId('nav-dashboard').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  // Nothing of the key went to the server: not in a URL, not in a body.
  expect(requests.filter((r) => r.includes(key))).toEqual([])
})
