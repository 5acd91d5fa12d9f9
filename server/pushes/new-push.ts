// What every create route stores and answers, from the validated options: token hashes, the
// passphrase's parameters, the expiry, the webhook, and the owner token (and webhook key) shown once.
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
  // A shared HMAC key, so the server keeps it as it is (docs/api.md, Webhooks).
  const webhook = body.webhook && { ...body.webhook, secret: newOwnerToken() }
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
      webhook,
    },
    answer: {
      id,
      ownerToken,
      expiresAt: new Date(expiresAt).toISOString(),
      viewsRemaining: body.expireAfterViews,
      ...(webhook && { webhookSecret: webhook.secret }),
    },
  }
}
