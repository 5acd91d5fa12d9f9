// Sender-chosen file names never escape the download folder, spoof an extension or collide.
import { describe, expect, it } from 'vitest'
import { safeFileName, safeFileNames } from './file-names'

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['Grüße – ✓.txt', 'Grüße – ✓.txt'],
    ['../../etc/passwd', '_._.._etc_passwd'],
    ['..\\..\\boot.ini', '_._.._boot.ini'],
    ['/abs/path', '_abs_path'],
    ['a\u0000b\nc\u001b[31m', 'a_b_c_[31m'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['what?*<>|:".txt', 'what_______.txt'],
    ['.bashrc', '_bashrc'],
    ['trailing. . ', 'trailing'],
    ['', 'file'],
    ['   ', 'file'],
    ['..', 'file'],
  ])('%j → %j', (name, safe) => expect(safeFileName(name)).toBe(safe))

  it('cuts long names to 200 bytes and keeps the extension', () => {
    const safe = safeFileName('ü'.repeat(300) + '.tar.gz')
    expect(new TextEncoder().encode(safe).length).toBeLessThanOrEqual(200)
    expect(safe.endsWith('ü.gz')).toBe(true)
  })
})

describe('safeFileNames', () => {
  it('makes names unique, ignoring case, and avoids names already taken', () => {
    expect(safeFileNames(['a.txt', 'A.txt', 'a.txt', 'b'], ['b'])).toEqual([
      'a.txt',
      'A (2).txt',
      'a (3).txt',
      'b (2)',
    ])
  })
})
