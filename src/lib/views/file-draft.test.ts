import { describe, expect, it } from 'vitest'
import { filesProblem, totalBytes } from './file-draft'

const limits = { maxFiles: 2, maxFileBytes: 100 }
const sized = (...sizes: number[]) => sizes.map((size) => ({ size }))

describe('filesProblem', () => {
  it('wants one to maxFiles files of at most maxFileBytes in total', () => {
    expect(filesProblem([], limits)).toBe('noFiles')
    expect(filesProblem(sized(0), limits)).toBeNull()
    expect(filesProblem(sized(50, 50), limits)).toBeNull()
    expect(filesProblem(sized(1, 1, 1), limits)).toBe('tooManyFiles')
    expect(filesProblem(sized(50, 51), limits)).toBe('filesTooLarge')
    expect(totalBytes(sized(3, 4))).toBe(7)
  })
})
