// /api/pushes: create, read metadata, reveal (the only call that uses a view), burn, delete.
import { Hono, type Context } from 'hono'
import type { EndReason, PushKind, PushMetadata } from '../../src/lib/protocol'
import { burnRequest, createPushRequest, revealRequest } from '../../src/lib/protocol/pushes'
import { readJson } from '../body'
import { encodeBase64Url } from '../base64url'
import { ciphertextReader } from '../ciphertext'
import type { AppDeps } from '../deps'
import { fileRevealer } from './files'
import { HttpError, methodNotAllowed, notFound } from '../http-error'
import { newPushRecord } from '../new-push'
import { ended, finalizeIfExpired, openForRecipient } from '../push-access'
import { bearerToken, isPushId, newPushId, tokenMatches } from '../tokens'
import { json, requestHeader } from '../respond'

const iso = (ms: number) => new Date(ms).toISOString()

export function pushRoutes(deps: AppDeps) {
  const { config, store, database } = deps
  const createSchema = createPushRequest(config.limits)
  const ciphertexts = ciphertextReader(config.limits, 0x01)
  const revealFile = fileRevealer(deps)
  const app = new Hono()

  app.post('/', async (c) => {
    const body = await readJson(c, createSchema, ciphertexts.bodyLimit)
    const ciphertext = ciphertexts.decode(body.ciphertext)
    const { record, answer } = await newPushRecord(newPushId(), body, config.limits, deps.clock())
    await store.createPush({ ...record, kind: body.kind, ciphertext }, deps.actor(c))
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
      kind: push.kind as PushKind,
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
    if (push.passTokenHash) {
      if (!body.passToken) {
        throw new HttpError(400, 'passphrase_required', 'This secret needs its passphrase.')
      }
      if (!(await store.reservePassphraseCheck(push.id, deps.clock()))) {
        throw await passphraseRefused(deps, c, push.id)
      }
      if (!(await tokenMatches(body.passToken, push.passTokenHash))) {
        const failure = await store.failPassphrase(push.id, deps.clock(), deps.actor(c))
        // Null: it ended (locked, used up, deleted, expired) since openForRecipient read it.
        if (!failure) throw await endedNow(deps, c, push.id)
        if (failure.locked) await database.checkpoint()
        throw new HttpError(403, 'bad_passphrase', 'The passphrase is wrong.', {
          attemptsRemaining: failure.attemptsRemaining,
        })
      }
    }
    if (push.kind === 'file') {
      const answer = await revealFile(c, push, push.passTokenHash !== null)
      if (!answer) throw await endedNow(deps, c, push.id)
      return answer
    }
    const result = await store.consumeView(
      push.id,
      deps.clock(),
      deps.actor(c),
      push.passTokenHash !== null,
    )
    // Another request used the last view or ended it, or the time ran out, since the read.
    if (!result.ok) throw await endedNow(deps, c, push.id)
    if (result.ended) await database.checkpoint()
    return json(c, {
      ciphertext: encodeBase64Url(result.ciphertext),
      viewsRemaining: result.viewsRemaining,
      deletableByViewer: push.deletableByViewer,
    })
  })

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
    if (!(await store.endPush(push.id, 'viewer', deps.clock(), deps.actor(c)))) {
      throw await endedNow(deps, c, push.id)
    }
    await database.checkpoint()
    return c.body(null, 204)
  })

  app.delete('/:id', async (c) => {
    const push = await openForOwner(deps, c.req.param('id'), requestHeader(c, 'authorization'))
    const current = await finalizeIfExpired(deps, c, push)
    if (current.endedAt !== null) throw ended(current.endReason as EndReason)
    if (!(await store.endPush(push.id, 'owner', deps.clock(), deps.actor(c)))) {
      throw await endedNow(deps, c, push.id)
    }
    await database.checkpoint()
    return c.body(null, 204)
  })

  app.all('/', methodNotAllowed('POST'))
  app.all('/:id', methodNotAllowed('GET, DELETE'))
  app.all('/:id/reveal', methodNotAllowed('POST'))
  app.all('/:id/burn', methodNotAllowed('POST'))
  return app
}

/** The 410 of a push that a racing request ended (or whose time ran out) after we read it. */
async function endedNow(deps: AppDeps, c: Context, id: string): Promise<HttpError> {
  const row = await deps.store.findPush(id)
  const after = row ? await finalizeIfExpired(deps, c, row) : undefined
  return ended((after?.endReason ?? 'views') as EndReason)
}

/** No passphrase check was free: the push ended, or every attempt left is being tested now. */
async function passphraseRefused(deps: AppDeps, c: Context, id: string): Promise<HttpError> {
  const row = await deps.store.findPush(id)
  if (!row || row.endedAt !== null || row.expiresAt <= deps.clock()) return endedNow(deps, c, id)
  return new HttpError(
    429,
    'rate_limited',
    'Other passphrase attempts are being checked. Try again in a second.',
    {},
    {
      'Retry-After': '1',
    },
  )
}

/** The owner's view of a push: a wrong or missing owner token looks like an unknown id. */
export async function openForOwner(deps: AppDeps, id: string, authorization: string | undefined) {
  if (!isPushId(id)) throw notFound()
  const push = await deps.store.findPush(id)
  if (!push || !(await tokenMatches(bearerToken(authorization), push.ownerTokenHash)))
    throw notFound()
  return push
}
