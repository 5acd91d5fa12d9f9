// /api/requests: a requester publishes a public key; senders seal answers to it, and each answer
// becomes a push only the requester (owner token + private key) can reveal.
import { Hono, type Context } from 'hono'
import { REQUEST_BOX_VERSION, toBase64Url } from '../../src/lib/crypto'
import type {
  CreateRequestResponse,
  RequestAnswersResponse,
  RequestCloseReason,
  RequestInfo,
} from '../../src/lib/protocol'
import { answerRequestBody, createRequestBody } from '../../src/lib/protocol/requests'
import { isSignedInOwner, recordOwner } from '../auth/ownership'
import { readJson } from '../http/body'
import { ciphertextReader } from '../pushes/ciphertext'
import type { RequestRow } from './request-store'
import type { AppDeps } from '../deps'
import { HttpError, methodNotAllowed } from '../http/http-error'
import { ended, endedNow, finalizeIfExpired } from '../pushes/push-access'
import {
  bearerToken,
  isPushId,
  newOwnerToken,
  newPushId,
  tokenHash,
  tokenMatches,
} from '../pushes/tokens'
import { json, requestHeader } from '../http/respond'

const iso = (ms: number) => new Date(ms).toISOString()

const requestNotFound = () => new HttpError(404, 'not_found', 'No request exists at this link.')

export function requestRoutes(deps: AppDeps) {
  const { config, store, requests, ending } = deps
  const createSchema = createRequestBody(config.limits)
  const answerSchema = answerRequestBody(config.limits)
  const ciphertexts = ciphertextReader(config.limits, REQUEST_BOX_VERSION)
  const app = new Hono()

  function info(row: RequestRow): RequestInfo {
    const timeUp = row.expiresAt <= deps.clock()
    const closed = row.closedAt !== null || timeUp
    return {
      id: row.id,
      label: row.label,
      publicKey: row.publicKey,
      status: closed ? 'closed' : 'open',
      reason: closed ? (row.closeReason ?? 'time') : null,
      expiresAt: iso(row.expiresAt),
      answersRemaining: closed ? 0 : row.answersAllowed - row.answersUsed,
    }
  }

  async function findRequest(id: string): Promise<RequestRow> {
    const row = isPushId(id) ? await requests.findRequest(id) : undefined
    if (!row) throw requestNotFound()
    return row
  }

  /** By its owner token or its signed-in creator; a wrong or missing token looks like an unknown id. */
  async function findOwnedRequest(c: Context, id: string): Promise<RequestRow> {
    const row = isPushId(id) ? await requests.findRequest(id) : undefined
    if (!row) throw requestNotFound()
    const token = bearerToken(requestHeader(c, 'authorization'))
    if (await tokenMatches(token, row.ownerTokenHash)) return row
    if (await isSignedInOwner(deps, c, 'request', id)) return row
    throw requestNotFound()
  }

  app.post('/', async (c) => {
    const body = await readJson(c, createSchema, config.maxJsonBodyBytes)
    const ownerToken = newOwnerToken()
    const now = deps.clock()
    const id = newPushId()
    const expiresAt = now + body.openSeconds * 1000
    await requests.createRequest(
      {
        id,
        ownerTokenHash: (await tokenHash(ownerToken))!,
        publicKey: body.publicKey,
        label: body.label,
        answersAllowed: body.answersAllowed,
        pushViews: body.pushViews,
        pushSeconds: body.pushSeconds,
        createdAt: now,
        expiresAt,
      },
      deps.actor(c),
    )
    await recordOwner(deps, c, 'request', id)
    const answer: CreateRequestResponse = { id, ownerToken, expiresAt: iso(expiresAt) }
    return json(c, answer, 201)
  })

  app.get('/:id', async (c) => json(c, info(await findRequest(c.req.param('id')))))

  app.post('/:id/answers', async (c) => {
    const body = await readJson(c, answerSchema, ciphertexts.bodyLimit)
    const row = await findRequest(c.req.param('id'))
    const request = info(row)
    if (request.status === 'closed') throw requestClosed(request.reason!)
    const ciphertext = ciphertexts.decode(body.ciphertext)
    const now = deps.clock()
    const result = await requests.answerRequest(
      request.id,
      {
        id: newPushId(),
        kind: body.kind,
        ciphertext,
        // Nobody holds this push's link token: only the request's owner token reveals it.
        linkTokenHash: (await tokenHash(newOwnerToken()))!,
        ownerTokenHash: row.ownerTokenHash,
        passphrase: null,
        webhook: null,
        expireAfterViews: row.pushViews,
        createdAt: now,
        expiresAt: now + row.pushSeconds * 1000,
        retrievalStep: true,
        deletableByViewer: false,
        locale: null,
      },
      deps.actor(c),
    )
    // Another answer took the last slot, or the time ran out, since the read.
    if (!result)
      throw requestClosed(info((await requests.findRequest(request.id))!).reason ?? 'answers')
    return json(c, result, 201)
  })

  app.get('/:id/answers', async (c) => {
    const row = await findOwnedRequest(c, c.req.param('id'))
    const answers = await requests.listAnswers(row.id)
    const body: RequestAnswersResponse = {
      request: {
        ...info(row),
        createdAt: iso(row.createdAt),
        answersAllowed: row.answersAllowed,
        pushViews: row.pushViews,
        pushSeconds: row.pushSeconds,
      },
      answers: answers.map((push) => {
        const timeUp = push.endedAt === null && push.expiresAt <= deps.clock()
        return {
          id: push.id,
          kind: push.kind,
          status: push.endedAt !== null || timeUp ? 'ended' : 'active',
          reason: timeUp ? 'time' : push.endReason,
          createdAt: iso(push.createdAt),
          expiresAt: iso(push.expiresAt),
          viewsRemaining: push.viewsRemaining,
        }
      }),
      events: (await requests.listRequestEvents(row.id)).map((e) => ({ ...e, at: iso(e.at) })),
    }
    return json(c, body)
  })

  app.post('/:id/answers/:pushId/reveal', async (c) => {
    const request = await findOwnedRequest(c, c.req.param('id'))
    const pushId = c.req.param('pushId')
    if (!isPushId(pushId) || !(await requests.isAnswerOf(request.id, pushId)))
      throw requestNotFound()
    const found = await store.findPush(pushId)
    if (!found) throw requestNotFound()
    const push = await finalizeIfExpired(deps, c, found)
    if (push.endedAt !== null) throw ended(push.endReason!)
    const result = await ending.consumeView(push.id, deps.clock(), deps.actor(c))
    if (!result.ok) throw await endedNow(deps, c, push.id)
    return json(c, {
      ciphertext: toBase64Url(result.ciphertext),
      viewsRemaining: result.viewsRemaining,
      deletableByViewer: false,
    })
  })

  app.all('/', methodNotAllowed('POST'))
  app.all('/:id', methodNotAllowed('GET'))
  app.all('/:id/answers', methodNotAllowed('GET, POST'))
  app.all('/:id/answers/:pushId/reveal', methodNotAllowed('POST'))
  return app
}

function requestClosed(reason: RequestCloseReason): HttpError {
  const message =
    reason === 'answers'
      ? 'This request has all the answers it asked for.'
      : 'This request has expired.'
  return new HttpError(410, 'closed', message, { reason })
}
