// The sender's dashboard: pushes kept in this browser, live status, the audit trail, delete,
// export and import, clear-all.
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { chooseLanguage, pushThroughForm } from './ux-helpers'

function card(page: Page, id: string) {
  return page.locator(`[data-testid="push-card"][data-push-id="${id}"]`)
}

test('the dashboard lists a push, shows `viewed` after a reveal elsewhere, and deletes it', async ({
  browser,
}) => {
  const senderContext = await browser.newContext()
  const sender = await senderContext.newPage()
  const push = await pushThroughForm(sender, {
    secret: 'dash-secret',
    views: 3,
    label: 'Wi-Fi for Sam',
  })
  await sender.getByTestId('nav-dashboard').click()
  await expect(sender).toHaveURL(/\/dashboard$/)
  const entry = card(sender, push.id)
  await expect(entry).toContainText('Wi-Fi for Sam')
  await expect(entry.getByTestId('views-left')).toHaveText('3 views left of 3')

  // The recipient reveals it in another browser context.
  const recipientContext = await browser.newContext()
  const recipient = await recipientContext.newPage()
  await recipient.goto(push.link)
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('secret-output')).toHaveText('dash-secret')

  await sender.getByTestId('refresh-button').click()
  await expect(entry.getByTestId('views-left')).toHaveText('2 views left of 3')
  await entry.getByTestId('audit-link').click()
  await expect(sender).toHaveURL(new RegExp(`/dashboard/${push.id}$`))
  await expect(sender.getByRole('heading', { level: 1 })).toHaveText('Audit trail of Wi-Fi for Sam')
  const rows = sender.getByTestId('audit-event')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toHaveAttribute('data-kind', 'created')
  await expect(rows.nth(1)).toHaveAttribute('data-kind', 'viewed')
  await expect(rows.nth(1).locator('th')).toHaveText('Viewed')
  await expect(rows.nth(1).getByTestId('user-agent').locator('summary')).toHaveText(
    /^Chrome \d+ on Linux$/,
  )
  await expect(rows.nth(1)).toContainText('127.0.0.1')

  // Delete now, after confirming; the push moves to the Ended tab and its link has ended.
  await sender.getByTestId('back-to-dashboard').click()
  await card(sender, push.id).getByTestId('delete-button').click()
  await sender.getByTestId('delete-dialog-confirm').click()
  await expect(sender.getByTestId('dashboard-panel-active')).not.toContainText('Wi-Fi for Sam')
  await sender.getByTestId('dashboard-tab-ended').click()
  const ended = sender.getByTestId('dashboard-panel-ended')
  await expect(ended).toContainText('Wi-Fi for Sam')
  await expect(ended.getByTestId('push-status')).toContainText('Ended: by you')
  const later = await recipientContext.newPage()
  await later.goto(push.link)
  await expect(later.getByTestId('ended-reason')).toContainText('The sender deleted it')

  // The trail keeps the deletion, and the later visit to the ended link.
  await card(sender, push.id).getByTestId('audit-link').click()
  await expect(sender.getByTestId('audit-event')).toHaveCount(4)
  const kinds = await sender
    .getByTestId('audit-event')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))
  expect(kinds).toEqual(['created', 'viewed', 'deleted', 'failed_view'])
  await expect(sender.getByTestId('audit-event').nth(3).locator('th')).toHaveText(
    'Failed attempt (already ended)',
  )
  await expect(sender.getByTestId('audit-status')).toHaveText('Ended: by you')
  await senderContext.close()
  await recipientContext.close()
})

test('the audit trail names the browser in words and shows the raw user agent on demand', async ({
  browser,
}) => {
  const chrome =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'
  const senderContext = await browser.newContext()
  const sender = await senderContext.newPage()
  const push = await pushThroughForm(sender, { secret: 'ua-secret', label: 'UA check' })
  const recipientContext = await browser.newContext({ userAgent: chrome })
  const recipient = await recipientContext.newPage()
  await recipient.goto(push.link)
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByTestId('secret-output')).toHaveText('ua-secret')
  await recipientContext.close()

  await sender.goto(`/dashboard/${push.id}`)
  const viewed = sender.locator('[data-testid="audit-event"][data-kind="viewed"]')
  const agent = viewed.getByTestId('user-agent')
  await expect(agent.locator('summary')).toHaveText('Chrome 156 on Linux')
  const raw = agent.getByTestId('user-agent-raw')
  await expect(raw).toBeHidden()
  // The raw string opens from the keyboard, and closes again.
  await agent.locator('summary').focus()
  await sender.keyboard.press('Enter')
  await expect(raw).toBeVisible()
  await expect(raw).toHaveText(chrome)
  await sender.keyboard.press('Space')
  await expect(raw).toBeHidden()
  // The IP sits on the same line as the event's name.
  const ip = viewed.locator('.mono')
  await expect(ip).toHaveText('127.0.0.1')
  const [ipBox, nameBox] = [await ip.boundingBox(), await agent.locator('summary').boundingBox()]
  expect(Math.abs(ipBox!.y + ipBox!.height - (nameBox!.y + nameBox!.height))).toBeLessThan(4)

  // In German, the sentence around the names is German.
  await chooseLanguage(sender, 'de')
  await expect(agent.locator('summary')).toHaveText('Chrome 156 unter Linux')
  await senderContext.close()
})

test('the audit trail says how many failed attempts past its cap it did not record', async ({
  page,
}) => {
  const push = await pushThroughForm(page, { secret: 'flooded', label: 'Flooded' })
  // Someone with only the id sends wrong links, 3 past the trail's cap of 100.
  for (let i = 0; i < 103; i++) {
    await page.request.get(`/api/pushes/${push.id}`, {
      headers: { 'X-Link-Token': 'A'.repeat(43) },
    })
  }
  await page.getByTestId('nav-dashboard').click()
  await card(page, push.id).getByTestId('audit-link').click()
  await expect(page.getByTestId('audit-event')).toHaveCount(101)
  await expect(page.getByTestId('audit-not-recorded')).toHaveText(
    'And 3 more failed attempts (wrong link) not recorded.',
  )
})

test('export, then import into a fresh browser, restores the list without duplicates', async ({
  browser,
}, testInfo) => {
  const first = await browser.newContext()
  const page = await first.newPage()
  const a = await pushThroughForm(page, { secret: 'export-a', label: 'First', rememberLink: true })
  await page.getByTestId('push-another').click()
  const b = await pushThroughForm(page, { secret: 'export-b', label: 'Second' })
  await page.goto('/dashboard')
  await expect(page.getByTestId('push-card')).toHaveCount(2)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-button').click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^hushlink-dashboard-\d{4}-\d{2}-\d{2}\.json$/)
  const file = testInfo.outputPath('dashboard.json')
  await download.saveAs(file)
  const exported = JSON.parse(readFileSync(file, 'utf8'))
  expect(exported.format).toBe('hushlink-dashboard')
  expect(exported.pushes.map((p: { id: string }) => p.id).sort()).toEqual([a.id, b.id].sort())
  // Only the push whose sender ticked "remember link" carries its key.
  expect(exported.pushes.find((p: { id: string }) => p.id === a.id).link).toBe(a.link)
  expect(exported.pushes.find((p: { id: string }) => p.id === b.id).link).toBeUndefined()
  expect(JSON.stringify(exported)).not.toContain('export-a')

  const second = await browser.newContext()
  const fresh = await second.newPage()
  await fresh.goto('/dashboard')
  await expect(fresh.getByTestId('dashboard-empty')).toBeVisible()
  await fresh.getByTestId('import-input').setInputFiles({
    name: 'junk.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something-else"}'),
  })
  await expect(fresh.getByTestId('import-message')).toHaveText(
    'That file is not a Hushlink dashboard export.',
  )

  await fresh.getByTestId('import-input').setInputFiles(file)
  await expect(fresh.getByTestId('import-message')).toContainText('2 pushes added')
  await expect(fresh.getByTestId('push-card')).toHaveCount(2)
  await expect(card(fresh, a.id)).toContainText('First')
  await expect(card(fresh, a.id).getByRole('textbox')).toHaveValue(a.link)
  await expect(card(fresh, b.id).getByTestId('views-left')).toHaveText('5 views left of 5')
  await fresh.getByTestId('import-input').setInputFiles(file)
  await expect(fresh.getByTestId('import-message')).toContainText(
    'No new pushes; 2 were already here.',
  )
  await expect(fresh.getByTestId('push-card')).toHaveCount(2)

  // Clear all asks first; cancelling keeps everything.
  await fresh.getByTestId('clear-button').click()
  await fresh.getByRole('button', { name: 'Cancel' }).click()
  await expect(fresh.getByTestId('push-card')).toHaveCount(2)
  await fresh.getByTestId('clear-button').click()
  await fresh.getByTestId('clear-dialog-confirm').click()
  await expect(fresh.getByTestId('dashboard-empty')).toBeVisible()
  await fresh.reload()
  await expect(fresh.getByTestId('dashboard-empty')).toBeVisible()
  await first.close()
  await second.close()
})

test('the dashboard works from the keyboard: tabs move with the arrow keys', async ({ page }) => {
  await pushThroughForm(page, { secret: 'keys' })
  await page.goto('/dashboard')
  // Let the live status arrive first, so no re-render lands between a key press and its check.
  await expect(page.getByTestId('views-left')).toBeVisible()
  await page.getByTestId('dashboard-tab-active').focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('dashboard-tab-ended')).toBeFocused()
  await expect(page.getByTestId('dashboard-tab-ended')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('dashboard-panel-ended')).toBeVisible()
  await page.keyboard.press('Home')
  await expect(page.getByTestId('dashboard-panel-active')).toBeVisible()
  // Delete via keyboard: Enter opens the dialog, whose focus starts on Cancel.
  await page.getByTestId('delete-button').first().focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('delete-dialog').first()).toBeHidden()
  await expect(page.getByTestId('delete-button').first()).toBeFocused()
  // Confirm with the keyboard: the card leaves the Active tab and the focus lands on that tab.
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('delete-dialog-confirm').first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('dashboard-tab-active')).toBeFocused()
  await expect(page.getByTestId('dashboard-panel-active')).toContainText('No active pushes.')
})

test('a confirmation closed with Escape and reopened at once stays open', async ({ page }) => {
  await pushThroughForm(page, { secret: 'quick-keys' })
  await page.goto('/dashboard')
  await expect(page.getByTestId('views-left')).toBeVisible()
  await page.getByTestId('delete-button').first().click()
  await expect(page.getByTestId('delete-dialog').first()).toBeVisible()
  // Escape (requestClose fires cancel, closes, and queues `close` for later), then the reopening
  // click, all in one task: the late `close` event must not shut the reopened dialog.
  const stillOpen = await page.evaluate(async () => {
    const dialog = document.querySelector<HTMLDialogElement>('[data-testid="delete-dialog"]')!
    dialog.requestClose()
    document.querySelector<HTMLButtonElement>('[data-testid="delete-button"]')!.click()
    await new Promise((resolve) => setTimeout(resolve, 100))
    return dialog.open
  })
  expect(stillOpen).toBe(true)
  await expect(page.getByTestId('delete-dialog').first()).toBeVisible()
})

test('a push without a label shows its kind and date; a label is added and edited later', async ({
  page,
}) => {
  const push = await pushThroughForm(page, { secret: 'label me later' })
  await page.goto('/dashboard')
  const entry = card(page, push.id)
  const title = entry.getByTestId('push-title')
  const today = new Date().toLocaleDateString('en', { dateStyle: 'medium' })
  await expect(title).toHaveText(`Text, ${today}`)
  await expect(entry).not.toContainText('Untitled')

  const edit = entry.getByTestId('label-edit')
  await expect(edit).toHaveAccessibleName(`Add label Text, ${today}`)
  await edit.click()
  await expect(entry.getByTestId('label-input')).toBeFocused()
  await page.keyboard.type('Router admin')
  await page.keyboard.press('Enter')
  await expect(title).toHaveText('Router admin')
  await expect(entry.getByTestId('label-edit')).toBeFocused()

  // Escape leaves the label as it was.
  await entry.getByTestId('label-edit').click()
  await entry.getByTestId('label-input').fill('Not this')
  await page.keyboard.press('Escape')
  await expect(title).toHaveText('Router admin')

  await entry.getByTestId('label-edit').click()
  await entry.getByTestId('label-input').fill('Router admin (office)')
  await entry.getByTestId('label-save').click()
  await expect(title).toHaveText('Router admin (office)')
  // Kept only in this browser: in its store, never in a request to the server.
  const stored = await page.evaluate(() => localStorage.getItem('hushlink.dashboard'))
  expect(JSON.parse(stored!)[0].label).toBe('Router admin (office)')
  await page.reload()
  await expect(card(page, push.id).getByTestId('push-title')).toHaveText('Router admin (office)')
})

test('kept requests are on the dashboard with the pushes, and their answers open blurred', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const sent: string[] = []
  page.on('request', (r) => sent.push(r.url() + (r.postData() ?? '')))
  await page.goto('/request')
  await page.getByTestId('request-label').fill('Door code for the office')
  await page.getByTestId('request-keep').check()
  await page.getByTestId('request-create').click()
  const publicLink = (await page.getByTestId('request-public-link').textContent())!.trim()

  const sender = await browser.newContext()
  const answer = await sender.newPage()
  await answer.goto(publicLink)
  await answer.getByTestId('answer-secret').fill('4711#')
  await answer.getByTestId('answer-send').click()
  await expect(answer.getByTestId('answer-sent')).toBeVisible()
  await sender.close()

  await page.getByTestId('nav-dashboard').click()
  const request = page.getByTestId('request-card')
  await expect(request).toHaveCount(1)
  await expect(request).toContainText('Door code for the office')
  await expect(page.getByRole('tab', { name: 'Active (1)' })).toBeVisible()
  await expect(page.getByTestId('export-button')).toBeEnabled()

  await request.getByTestId('request-card-open').click()
  await page.getByTestId('request-answer-open').click()
  const output = page.getByTestId('request-answer-text').getByTestId('secret-output')
  await expect(output).toHaveText('4711#')
  await expect(output).toHaveClass(/concealed/)
  await expect(output).toHaveAccessibleDescription(/Hidden until you choose to show it/)

  // Forgetting the kept key asks first: without it only the private link opens the answers.
  await page.goto('/dashboard')
  await page.getByTestId('request-card-forget').click()
  await expect(page.getByTestId('forget-request-dialog')).toBeVisible()
  await page.getByTestId('forget-request-dialog-confirm').click()
  await expect(page.getByTestId('request-card')).toHaveCount(0)
  await expect(page.getByTestId('dashboard-empty')).toBeVisible()
  await context.close()
})
