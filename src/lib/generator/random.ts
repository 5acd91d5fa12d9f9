// The generator's only source of randomness: libsodium's unbiased randombytes_uniform.
import { loadSodium } from '$lib/crypto'
import type { RandomBelow } from './password'

export async function sodiumRandomBelow(): Promise<RandomBelow> {
  const sodium = await loadSodium()
  return (upperBound) => sodium.randombytes_uniform(upperBound)
}
