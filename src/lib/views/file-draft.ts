// The files a sender picked: the checks made before anything is encrypted, and File as a source.
import { streamChunks } from '$lib/api/file-client'
import type { FileSource } from '$lib/crypto'
import type { ServerConfig } from '$lib/protocol'

/** Each names its message, `files.<problem>`. */
export const FILES_PROBLEMS = ['noFiles', 'tooManyFiles', 'filesTooLarge'] as const
export type FilesProblem = (typeof FILES_PROBLEMS)[number]

export const totalBytes = (files: Pick<File, 'size'>[]) => files.reduce((sum, f) => sum + f.size, 0)

/** The first thing that stops these files from being pushed, or null. */
export function filesProblem(
  files: Pick<File, 'size'>[],
  limits: Pick<ServerConfig['limits'], 'maxFiles' | 'maxFileBytes'>,
): FilesProblem | null {
  if (files.length === 0) return 'noFiles'
  if (files.length > limits.maxFiles) return 'tooManyFiles'
  if (totalBytes(files) > limits.maxFileBytes) return 'filesTooLarge'
  return null
}

/** The values of the `files.<problem>` messages, sizes in words of the active locale. */
export function filesProblemValues(
  files: Pick<File, 'size'>[],
  limits: Pick<ServerConfig['limits'], 'maxFiles' | 'maxFileBytes'>,
  bytes: (n: number) => string,
) {
  return { max: limits.maxFiles, size: bytes(totalBytes(files)), limit: bytes(limits.maxFileBytes) }
}

/** A picked file as the crypto reads it: once, as a stream, never whole in memory. */
export function fileSourceOf(file: File): FileSource {
  return {
    name: file.name,
    type: file.type,
    size: file.size,
    read: () => streamChunks(file.stream()),
  }
}
