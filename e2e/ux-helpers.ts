// Shared steps of the specs: push through the form, read a push's audit as its owner, check a page
// with axe, record a page's requests, sign in through the test OpenID provider.
import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test'
import type { AuditResponse } from '../src/lib/protocol'
import { TEST_USERS } from '../server/testing/oidc-provider'

export interface PushInput {
  secret: string
  views?: number
  passphrase?: string
  retrievalStep?: boolean
  deletableByViewer?: boolean
  label?: string
  rememberLink?: boolean
}

export interface CreatedPush {
  link: string
  id: string
  ownerToken: string
  /** The JSON body the browser sent to POST /api/pushes. */
  sent: Record<string, unknown>
}

/** Fills the create form as a person would, copies the link and returns it. */
export async function pushThroughForm(page: Page, input: PushInput): Promise<CreatedPush> {
  if (!page.url().endsWith('/')) await page.goto('/')
  await page.getByTestId('secret-input').fill(input.secret)
  if (input.views !== undefined) await page.getByTestId('views-input').fill(String(input.views))
  const needsOptions =
    input.passphrase !== undefined ||
    input.retrievalStep === false ||
    input.deletableByViewer === false
  if (needsOptions) await page.locator('details.options summary').click()
  if (input.passphrase !== undefined) {
    await page.getByTestId('create-passphrase-input').fill(input.passphrase)
    await page.getByTestId('create-passphrase-confirm').fill(input.passphrase)
  }
  if (input.retrievalStep === false) await page.getByTestId('retrieval-step-toggle').uncheck()
  if (input.deletableByViewer === false) await page.getByTestId('deletable-toggle').uncheck()
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/pushes') && r.request().method() === 'POST'),
    page.getByTestId('push-button').click(),
  ])
  expect(response.status()).toBe(201)
  const { id, ownerToken } = await response.json()
  const link = await page.getByTestId('result-link').inputValue()
  // Copied as a sender does with the focused, selected link (Ctrl+C): the page then lets it go
  // without asking (PushResult), and the focus stays where the page put it.
  await page.getByTestId('result-link').press('Control+c')
  if (input.label !== undefined) await page.getByTestId('push-label').fill(input.label)
  if (input.rememberLink) await page.getByTestId('remember-link').check()
  return { link, id, ownerToken, sent: response.request().postDataJSON() }
}

/** Pushes a link or QR code through its tab of the form and returns the link, copied. */
export async function pushKindThroughForm(
  page: Page,
  kind: 'url' | 'qr',
  value: string,
): Promise<string> {
  await page.goto('/')
  await page.getByTestId(`kind-tab-${kind}`).click()
  // The QR tab opens on its Wi-Fi form; a code given as text goes in its free-text mode.
  if (kind === 'qr') await page.getByTestId('qr-mode-text').check()
  await page.getByTestId('secret-input').fill(value)
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  await page.getByTestId('result-link').press('Control+c')
  return link
}

export async function auditOf(
  request: APIRequestContext,
  push: CreatedPush,
): Promise<AuditResponse> {
  const response = await request.get(`/api/pushes/${push.id}/audit`, {
    headers: { Authorization: `Bearer ${push.ownerToken}` },
  })
  expect(response.status()).toBe(200)
  return response.json()
}

/**
 * Picks a language in the header's menu as a person does, by focusing it first: the menu lists
 * every language only once it is touched or focused (LanguageMenu.svelte, issue 17).
 */
export async function chooseLanguage(page: Page, code: string) {
  const select = page.getByTestId('language-select')
  await select.focus()
  await select.selectOption(code)
}

/**
 * Presses push by keyboard. While the form is invalid the button is aria-disabled (still
 * focusable, its reason read with it), which Playwright's click() would wait on forever.
 */
export async function pressPush(page: Page) {
  await page.getByTestId('push-button').press('Enter')
}

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
const violationsOf = (results: AxeResults) =>
  results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  )

/** axe-core on the page as it stands: no violation, each listed with its rule and nodes. */
export async function expectNoViolations(page: Page, name: string) {
  expect(violationsOf(await new AxeBuilder({ page }).analyze()), name).toEqual([])
}

/** The axe rules whose outcome depends on the colours, which are all a theme changes. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']
const pageBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor)

/**
 * axe-core on the page as it stands in the light theme, then in the dark one (the OS setting,
 * which the app follows), and back. The markup is the same in both, so the dark pass runs only the
 * colour rules: one walk through a flow checks both themes. The page must start light.
 */
export async function expectAccessibleInBothThemes(page: Page, name: string) {
  await expectNoViolations(page, `${name}, light`)
  const light = await pageBackground(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => pageBackground(page), `${name}: the dark theme applies`).not.toBe(light)
  const dark = await new AxeBuilder({ page }).withRules(COLOUR_RULES).analyze()
  expect(violationsOf(dark), `${name}, dark`).toEqual([])
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => pageBackground(page)).toBe(light)
}

/**
 * Records what the pages of `context` copy (the server's Permissions-Policy blocks reading the
 * clipboard back); the returned function gives a page's last copied text.
 */
export async function recordClipboard(context: BrowserContext) {
  await context.addInitScript(() => {
    const record = { last: null as string | null }
    Object.assign(window, { __copied: record })
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (text: string) => void (record.last = text) },
    })
  })
  return (page: Page) =>
    page.evaluate(() => (window as unknown as { __copied: { last: string | null } }).__copied.last)
}

/** Every request `page` makes from now on, one string each: method, URL, headers and body. */
export function captureRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    seen.push(
      [
        request.method(),
        request.url(),
        JSON.stringify(request.headers()),
        request.postData() ?? '',
      ].join('\n'),
    )
  })
  return seen
}

/**
 * Signs `login` (one of the test provider's users) in through the provider's own pages, from the
 * sign-in button of the page shown; on a phone the button is behind the header's menu.
 */
export async function signInAs(page: Page, login: string) {
  const menu = page.getByTestId('nav-menu-button')
  const signIn = page.getByTestId('sign-in')
  // Whichever the header shows once it is drawn: the sign-in button, or the menu it folds into.
  await menu.or(signIn).filter({ visible: true }).first().waitFor()
  if (await menu.isVisible()) await menu.click()
  await signIn.click()
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByTestId('signed-in-as')).toContainText(TEST_USERS[login].email)
}
