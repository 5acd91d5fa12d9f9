// A list of 2,048 common English words (11 bits each), fetched only when the sender picks words.
let pending: Promise<readonly string[]> | undefined

export function loadWordList(): Promise<readonly string[]> {
  pending ??= import('./wordlist.txt?raw')
    .then((module) => module.default.split('\n').filter((word) => word !== ''))
    .catch((error: unknown) => {
      pending = undefined // let a later click try again
      throw error
    })
  return pending
}
