// What every create route stores and answers, from the validated options: token hashes, the
// passphrase's parameters, the expiry, and the owner token shown once.
import type { CreatePushResponse } from '../../src/lib/protocol'
import type { FilePushOptionsBody } from '../../src/lib/protocol/pushes'
import type { Config } from '../config'
import type { NewPush } from '../db/store'
import { newOwnerToken, tokenHash } from './tokens'

export interface NewPushRecord {
  record: Omit<NewPush, 'kind' | 'ciphertext'>
  answer: CreatePushResponse
}

export async function newPushRecord(
  id: string,
  body: FilePushOptionsBody,
  limits: Config['limits'],
  now: number,
): Promise<NewPushRecord> {
  const ownerToken = newOwnerToken()
  const passphrase = body.passphrase && {
    tokenHash: (await tokenHash(body.passphrase.token))!,
    salt: body.passphrase.salt,
    opslimit: body.passphrase.opslimit,
    memlimit: body.passphrase.memlimit,
    attempts: limits.maxPassphraseAttempts,
  }
  const expiresAt = now + body.expireAfterSeconds * 1000
  return {
    record: {
      id,
      linkTokenHash: (await tokenHash(body.linkToken))!,
      ownerTokenHash: (await tokenHash(ownerToken))!,
      passphrase,
      expireAfterViews: body.expireAfterViews,
      createdAt: now,
      expiresAt,
      retrievalStep: body.retrievalStep,
      deletableByViewer: body.deletableByViewer,
      locale: body.locale,
    },
    answer: {
      id,
      ownerToken,
      expiresAt: new Date(expiresAt).toISOString(),
      viewsRemaining: body.expireAfterViews,
    },
  }
}
