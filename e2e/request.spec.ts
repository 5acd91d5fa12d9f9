// Requests as people use them: A asks, B answers from the public link, only A can read it.
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { expect, test, type Page } from '@playwright/test'
import { captureRequests, expectNoViolations } from './ux-helpers'

test('request in A, answer in B, open in A; C with the public link reads nothing', async ({
  browser,
}) => {
  const secret = 'vpn-pass-' + Math.random().toString(36).slice(2)

  const requester = await browser.newContext()
  const a = await requester.newPage()
  const aRequests = captureRequests(a)
  await a.goto('/request')
  await expect(a.getByTestId('request-label')).toBeVisible()
  await expectNoViolations(a, 'request form')
  await a.getByTestId('request-label').fill('Your VPN password, please')
  await a.getByTestId('request-answers').fill('1')
  await a.getByTestId('request-keep').check()
  await a.getByTestId('request-create').click()
  const publicLink = (await a.getByTestId('request-public-link').textContent())!.trim()
  const privateLink = (await a.getByTestId('request-private-link').textContent())!.trim()
  expect(publicLink).toMatch(/\/request\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/)
  expect(privateLink).toMatch(/\/r\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{86}$/)
  await expect(a.getByTestId('request-private-warning')).toBeVisible()
  await expectNoViolations(a, 'request created')
  const id = new URL(publicLink).pathname.split('/').pop()!
  const fragment = new URL(privateLink).hash.slice(1)

  const sender = await browser.newContext()
  const b = await sender.newPage()
  const bRequests = captureRequests(b)
  await b.goto(publicLink)
  await expect(b.getByTestId('request-label-shown')).toHaveText('Your VPN password, please')
  await expectNoViolations(b, 'answer form')
  await b.getByTestId('answer-secret').fill(secret)
  await b.getByTestId('answer-send').click()
  await expect(b.getByTestId('answer-sent')).toBeVisible()

  // A third party holding only the public link: the request is closed (1 answer) and unreadable.
  const stranger = await browser.newContext()
  const c = await stranger.newPage()
  await c.goto(publicLink)
  await expect(c.getByTestId('request-closed')).toBeVisible()
  await c.goto(`/r/${id}`)
  await expect(c.getByTestId('request-missing-key')).toBeVisible()
  const listing = await c.request.get(`/api/requests/${id}/answers`)
  expect(listing.status()).toBe(404)
  const late = await c.request.post(`/api/requests/${id}/answers`, {
    data: { kind: 'text', ciphertext: 'Aw' + 'A'.repeat(405) },
  })
  expect(late.status()).toBe(410)

  // Back in A: the inbox lists the answer; opening it decrypts in this browser.
  await a.getByTestId('request-open-inbox').click()
  await expect(a.getByTestId('request-answer-item')).toHaveCount(1)
  await a.getByTestId('request-answer-open').click()
  // Blurred like every reveal until asked; the text is there to copy either way.
  const answer = a.getByTestId('request-answer-text').getByTestId('secret-output')
  await expect(answer).toHaveText(secret)
  await expect(answer).toHaveClass(/concealed/)
  await a.getByTestId('request-answer-text').getByTestId('show-secret').click()
  await expect(answer).not.toHaveClass(/concealed/)
  await expectNoViolations(a, 'inbox')

  // The kept request opens from the list in a new tab of A, without the link.
  const again = await requester.newPage()
  await again.goto('/request')
  await again.getByTestId('request-list-link').first().click()
  await expect(again.getByTestId('request-inbox')).toBeVisible()

  for (const request of [...aRequests, ...bRequests]) {
    expect(request).not.toContain(fragment)
    expect(request).not.toContain(secret)
  }
  await requester.close()
  await sender.close()
  await stranger.close()
})

/** The server's database, as whoever can write it (a libSQL server's operator, a stolen copy). */
async function withDatabase<T>(work: (db: ReturnType<typeof createClient>) => Promise<T>) {
  const db = createClient({ url: `file:${join(process.env.E2E_DATA_DIR!, 'hushlink.db')}` })
  try {
    return await work(db)
  } finally {
    db.close()
  }
}

async function makeRequest(page: Page, label: string, keep = false) {
  await page.goto('/request')
  await page.getByTestId('request-label').fill(label)
  if (keep) await page.getByTestId('request-keep').check()
  await page.getByTestId('request-create').click()
  const publicLink = (await page.getByTestId('request-public-link').textContent())!.trim()
  const privateLink = (await page.getByTestId('request-private-link').textContent())!.trim()
  return { publicLink, privateLink, id: new URL(publicLink).pathname.split('/').pop()! }
}

test('a public key swapped in the database: the sender is told not to answer, nothing is sent', async ({
  browser,
}) => {
  const requester = await browser.newContext()
  const { publicLink, id } = await makeRequest(await requester.newPage(), 'Root password')
  await requester.close()

  // The attacker replaces the stored key by one of their own (any 32 bytes will do here).
  const attackerKey = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'
  await withDatabase((db) =>
    db.execute({ sql: 'UPDATE requests SET public_key = ? WHERE id = ?', args: [attackerKey, id] }),
  )

  const sender = await browser.newContext()
  const b = await sender.newPage()
  const answers: string[] = []
  b.on('request', (r) => {
    if (r.method() === 'POST') answers.push(r.url())
  })
  await b.goto(publicLink)
  await expect(b.getByTestId('request-key-mismatch')).toBeVisible()
  await expect(b.getByTestId('request-key-refused')).toContainText('Do not answer')
  await expect(b.getByTestId('answer-secret')).toHaveCount(0)
  await expectNoViolations(b, 'key mismatch')

  // A link without the key (an old link, or one cut short) cannot be checked: refused too.
  await b.goto(publicLink.replace(/#.*/, ''))
  await expect(b.getByTestId('request-key-missing')).toBeVisible()
  await expect(b.getByTestId('answer-secret')).toHaveCount(0)

  expect(answers).toEqual([])
  const row = await withDatabase(async (db) => {
    const rs = await db.execute({
      sql: 'SELECT answers_used AS n FROM requests WHERE id = ?',
      args: [id],
    })
    return rs.rows[0]
  })
  expect(Number(row.n)).toBe(0)
  await sender.close()
})

test('the private key stays out of localStorage unless the box is ticked', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/request')
  await expect(page.getByTestId('request-keep')).not.toBeChecked()
  const unkept = await makeRequest(page, 'Not kept')
  const unkeptKey = new URL(unkept.privateLink).hash.slice(1)
  const storage = () => page.evaluate(() => JSON.stringify({ ...localStorage }))
  expect(await storage()).not.toContain(unkeptKey)
  expect(await storage()).not.toContain('hushlink.requests')
  await expect(page.getByTestId('request-list')).toHaveCount(0)

  const kept = await makeRequest(page, 'Kept', true)
  const keptKey = new URL(kept.privateLink).hash.slice(1)
  expect(await storage()).toContain(keptKey)
  expect(await storage()).not.toContain(unkeptKey)
  await context.close()
})

test('the private request page takes its key out of the address bar', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  async function expectWiped(privateLink: string) {
    const key = new URL(privateLink).hash.slice(1)
    await expect(page.getByTestId('request-inbox')).toBeVisible()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('')
    expect(page.url()).not.toContain(key)
    expect(await page.evaluate(() => JSON.stringify(history.state) ?? '')).not.toContain(key)
  }

  // Followed from the page that made the request (a navigation inside the app)...
  const followed = await makeRequest(page, 'Followed')
  await page.getByTestId('request-open-inbox').click()
  await expectWiped(followed.privateLink)

  // ...or pasted into the address bar.
  const pasted = await makeRequest(page, 'Pasted')
  await page.goto(pasted.privateLink)
  await expectWiped(pasted.privateLink)
  // The key stays in memory: the page still lists, and rebuilds the sender's link from it.
  await expect(page.getByTestId('request-inbox-public-link')).toHaveText(pasted.publicLink)
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByTestId('request-no-answers')).toBeVisible()
  await context.close()
})
