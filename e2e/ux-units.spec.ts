// Sizes read the same everywhere: binary units as the server's limits are set (50 MiB), and a
// small file in bytes ("46 bytes", never "0 kB"), in the reader's language.
import { expect, test } from '@playwright/test'
import { chooseLanguage } from './ux-helpers'

const file = (name: string, size: number) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.alloc(size, 'a'),
})

test('the file picker shows sizes in bytes, KiB and MiB, localized', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('kind-tab-file').click()
  await expect(page.locator('#file-picker-hint')).toContainText('50\u00a0MiB in total')
  await page.getByTestId('file-input').setInputFiles([file('small.txt', 46)])
  await expect(page.getByTestId('file-item')).toContainText('46 bytes')
  await expect(page.getByTestId('files-total')).toContainText('46 bytes of 50\u00a0MiB')
  await page.getByTestId('file-input').setInputFiles([file('kib.txt', 1536)])
  await expect(page.getByTestId('file-item').filter({ hasText: 'kib.txt' })).toContainText(
    '1.5\u00a0KiB',
  )
  await expect(page.getByTestId('file-picker')).not.toContainText(/\bkB\b|\bMB\b/)

  await chooseLanguage(page, 'fr')
  await expect(page.locator('#file-picker-hint')).toContainText('50\u00a0Mio')
  await expect(page.getByTestId('file-item').filter({ hasText: 'small.txt' })).toContainText(
    '46\u00a0octets',
  )
})
