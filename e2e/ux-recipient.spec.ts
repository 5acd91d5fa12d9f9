// The recipient's side: the retrieval step, passphrases, hiding, self-delete and the problem pages.
import { expect, test } from '@playwright/test'
import { auditOf, pushThroughForm } from './ux-helpers'

// Each test opens sender and recipient pages in contexts of their own: close them all after it.
test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()))
})

test('the retrieval step consumes no view until the recipient clicks', async ({
  browser,
  request,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'click-me', views: 3 })
  expect(push.sent.retrievalStep).toBe(true)

  const recipient = await browser.newPage()
  await recipient.goto(push.link)
  await expect(recipient.getByTestId('reveal-button')).toBeVisible()
  await recipient.reload() // the key is gone from the address bar now: a reload cannot reveal
  await expect(recipient.getByTestId('already-opened-page')).toBeVisible()
  await recipient.goto(push.link)
  await expect(recipient.getByTestId('reveal-button')).toBeVisible()
  expect((await auditOf(request, push)).push.viewsRemaining).toBe(3)

  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('secret-output')).toHaveText('click-me')
  expect((await auditOf(request, push)).push.viewsRemaining).toBe(2)
  await expect(recipient.getByTestId('views-remaining')).toContainText('2 views remain')
  await expect(recipient.getByTestId('time-remaining')).toContainText(/expires in 7 days/)
})

test('without the retrieval step the secret opens on load, still hidden until asked', async ({
  browser,
  request,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'no-click', views: 2, retrievalStep: false })
  expect(push.sent.retrievalStep).toBe(false)

  const recipient = await browser.newPage()
  await recipient.goto(push.link)
  const output = recipient.getByTestId('secret-output')
  await expect(output).toHaveText('no-click')
  await expect(recipient.getByTestId('reveal-button')).toHaveCount(0)
  expect((await auditOf(request, push)).push.viewsRemaining).toBe(1)

  // Blurred and unselectable until the recipient asks to see it.
  await expect(output).toHaveClass(/concealed/)
  await recipient.getByTestId('show-secret').click()
  await expect(output).not.toHaveClass(/concealed/)
  await expect(recipient.getByTestId('show-secret')).toHaveAttribute('aria-pressed', 'true')
})

test('a wrong passphrase shows the attempts left, then the right one reveals', async ({
  browser,
  request,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, {
    secret: 'behind-a-passphrase',
    passphrase: 'open sesame',
  })

  const recipient = await browser.newPage()
  await recipient.goto(push.link)
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('reveal-error')).toContainText('Type the passphrase first')
  await recipient.getByTestId('passphrase-input').fill('open says me')
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('reveal-error')).toContainText('4 attempts left')
  await expect(recipient.getByTestId('passphrase-input')).toHaveAttribute('aria-invalid', 'true')
  expect((await auditOf(request, push)).push.viewsRemaining).toBe(5)

  await recipient.getByTestId('passphrase-input').fill('open sesame')
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('secret-output')).toHaveText('behind-a-passphrase')
  const audit = await auditOf(request, push)
  expect(audit.push.viewsRemaining).toBe(4)
  expect(audit.events.map((e) => e.kind)).toEqual(['created', 'failed_view', 'viewed'])
})

test('too many wrong passphrases show the locked page', async ({ browser }) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'locked-away', passphrase: 'right' })
  const recipient = await browser.newPage()
  await recipient.goto(push.link)
  for (let attempt = 1; attempt <= 4; attempt++) {
    await recipient.getByTestId('passphrase-input').fill(`wrong ${attempt}`)
    await recipient.getByTestId('reveal-button').click()
    await expect(recipient.getByTestId('reveal-error')).toContainText(`${5 - attempt}`)
  }
  await recipient.getByTestId('passphrase-input').fill('wrong 5')
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('locked-page')).toBeVisible()
  await recipient.goto(push.link)
  await expect(recipient.getByTestId('locked-page')).toBeVisible()
})

test('the recipient deletes the secret after confirming, then the link has ended', async ({
  browser,
  request,
}) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'burn-after-reading', views: 5 })

  const recipient = await browser.newPage()
  await recipient.goto(push.link)
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('secret-output')).toHaveText('burn-after-reading')

  // Cancelling (here with Escape) deletes nothing.
  await recipient.getByTestId('burn-button').click()
  await expect(recipient.getByTestId('burn-dialog')).toBeVisible()
  await recipient.keyboard.press('Escape')
  await expect(recipient.getByTestId('burn-dialog')).toBeHidden()
  expect((await auditOf(request, push)).push.status).toBe('active')

  await recipient.getByTestId('burn-button').click()
  await recipient.getByTestId('burn-dialog-confirm').click()
  await expect(recipient.getByTestId('views-remaining')).toContainText('deleted from the server')
  await expect(recipient.getByTestId('burn-button')).toHaveCount(0)
  const audit = await auditOf(request, push)
  expect(audit.push).toMatchObject({ status: 'ended', reason: 'viewer' })

  const later = await browser.newPage()
  await later.goto(push.link)
  await expect(later.getByTestId('ended-page')).toBeVisible()
  await expect(later.getByTestId('ended-reason')).toContainText('A recipient deleted it')
})

test('no delete button when the sender did not allow it', async ({ browser }) => {
  const sender = await browser.newPage()
  const push = await pushThroughForm(sender, { secret: 'keep-me', deletableByViewer: false })
  expect(push.sent.deletableByViewer).toBe(false)
  const recipient = await browser.newPage()
  await recipient.goto(push.link)
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('secret-output')).toHaveText('keep-me')
  await expect(recipient.getByTestId('burn-button')).toHaveCount(0)
})

test('unknown and incomplete links get their own pages', async ({ browser }) => {
  const cases = [
    ['/p/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43), 'unknown-page'],
    ['/p/not-an-id#' + 'A'.repeat(43), 'unknown-page'],
    ['/p/AAAAAAAAAAAAAAAAAAAAAA#truncated', 'wrong-link-page'],
    ['/p/AAAAAAAAAAAAAAAAAAAAAA', 'wrong-link-page'],
  ]
  for (const [path, testid] of cases) {
    const page = await browser.newPage() // a fresh document each time: hash changes do not reload
    await page.goto(path)
    await expect(page.getByTestId(testid), path).toBeVisible()
    await page.close()
  }
})
