// /api/pushes: create, read metadata, reveal (the only call that uses a view), burn, delete.
import { Hono, type Context } from 'hono'
import type { PushMetadata } from '../../src/lib/protocol'
import { burnRequest, createPushRequest, revealRequest } from '../../src/lib/protocol/pushes'
import { readJson } from '../http/body'
import { encodeBase64Url } from '../http/base64url'
import { ciphertextReader } from './ciphertext'
import type { PushRow } from '../db/store'
import type { AppDeps } from '../deps'
import { HttpError, methodNotAllowed } from '../http/http-error'
import { recordOwner } from '../auth/ownership'
import { admitWebhook } from '../notify/target'
import { newPushRecord } from './new-push'
import { ended, endedNow, finalizeIfExpired, openForOwner, openForRecipient } from './push-access'
import { checkPassphrase } from './passphrase-check'
import { newPushId } from './tokens'
import { json, requestHeader } from '../http/respond'

const iso = (ms: number) => new Date(ms).toISOString()

export function pushRoutes(deps: AppDeps) {
  const { config, store, ending, downloads } = deps
  const createSchema = createPushRequest(config.limits)
  const ciphertexts = ciphertextReader(config.limits, 0x01)
  const app = new Hono()

  app.post('/', async (c) => {
    const body = await readJson(c, createSchema, ciphertexts.bodyLimit)
    const ciphertext = ciphertexts.decode(body.ciphertext)
    await admitWebhook(body.webhook, config.webhooks.allowPrivate, deps.webhookLookup)
    const { record, answer } = await newPushRecord(newPushId(), body, config.limits, deps.clock())
    await store.createPush({ ...record, kind: body.kind, ciphertext }, deps.actor(c))
    await recordOwner(deps, c, 'push', answer.id)
    return json(c, answer, 201)
  })

  app.get('/:id', async (c) => {
    const push = await openForRecipient(
      deps,
      c,
      c.req.param('id'),
      requestHeader(c, 'x-link-token'),
    )
    const meta: PushMetadata = {
      id: push.id,
      kind: push.kind,
      status: 'active',
      viewsRemaining: push.viewsRemaining,
      expiresAt: iso(push.expiresAt),
      retrievalStep: push.retrievalStep,
      deletableByViewer: push.deletableByViewer,
      locale: push.locale,
      size: push.size,
      passphrase: push.passSalt
        ? { salt: push.passSalt, opslimit: push.passOpslimit!, memlimit: push.passMemlimit! }
        : null,
    }
    return json(c, meta)
  })

  app.post('/:id/reveal', async (c) => {
    const body = await readJson(c, revealRequest, config.maxJsonBodyBytes)
    const push = await openForRecipient(deps, c, c.req.param('id'), body.linkToken)
    // Admitted before a passphrase check is taken, so a download told to wait keeps nothing.
    const release = push.kind === 'file' ? downloads.admit(c, push) : null
    try {
      const passChecked = await checkPassphrase(deps, c, push, body.passToken)
      // No view used (the push ended meanwhile, or the write failed): the check goes back.
      const giveBack = () =>
        passChecked ? store.releasePassphraseCheck(push.id).catch(() => undefined) : undefined
      let answer: Response | null
      try {
        answer = release
          ? await downloads.start(c, push, release, passChecked, deps.actor(c))
          : await revealText(c, push, passChecked)
      } catch (error) {
        await giveBack()
        throw error
      }
      if (answer) return answer
      await giveBack()
      throw await endedNow(deps, c, push.id)
    } catch (error) {
      release?.()
      throw error
    }
  })

  /** One view of a text push as JSON; null if it ended since it was read. */
  async function revealText(c: Context, push: PushRow, passChecked: boolean) {
    const result = await ending.consumeView(push.id, deps.clock(), deps.actor(c), passChecked)
    if (!result.ok) return null
    return json(c, {
      ciphertext: encodeBase64Url(result.ciphertext),
      viewsRemaining: result.viewsRemaining,
      deletableByViewer: push.deletableByViewer,
    })
  }

  app.post('/:id/burn', async (c) => {
    const body = await readJson(c, burnRequest, config.maxJsonBodyBytes)
    const push = await openForRecipient(deps, c, c.req.param('id'), body.linkToken)
    if (!push.deletableByViewer) {
      throw new HttpError(
        403,
        'not_deletable',
        'The sender did not allow recipients to delete this secret.',
      )
    }
    if (!(await ending.end(push.id, 'viewer', deps.clock(), deps.actor(c)))) {
      throw await endedNow(deps, c, push.id)
    }
    return c.body(null, 204)
  })

  app.delete('/:id', async (c) => {
    const push = await openForOwner(deps, c, c.req.param('id'), requestHeader(c, 'authorization'))
    const current = await finalizeIfExpired(deps, c, push)
    if (current.endedAt !== null) throw ended(current.endReason!)
    if (!(await ending.end(push.id, 'owner', deps.clock(), deps.actor(c)))) {
      throw await endedNow(deps, c, push.id)
    }
    return c.body(null, 204)
  })

  app.all('/', methodNotAllowed('POST'))
  app.all('/:id', methodNotAllowed('GET, DELETE'))
  app.all('/:id/reveal', methodNotAllowed('POST'))
  app.all('/:id/burn', methodNotAllowed('POST'))
  return app
}
