// A page's requests as Chromium's DevTools protocol reports them, and the measures of issue 17:
// how many, how many bytes as sent, and the dependent-request depth.
//
// Depth is the longest chain of requests in which each one started only after the one before it
// had finished (CDP `Network.requestWillBeSent` at or after the previous one's
// `Network.loadingFinished`/`loadingFailed`). That heuristic, unlike the `initiator` field, also
// sees waits on data (the API call that needs the wasm, or a config file, first), which an
// initiator stack hides. It can count a chain that is a coincidence of timing (a request that
// merely started late), never miss a real one; with latency emulated, requests of one wave start
// within a few milliseconds of each other and the chains it finds are the real ones.
import type { CDPSession } from '@playwright/test'

export interface RecordedRequest {
  id: string
  url: string
  method: string
  /** Monotonic seconds (CDP `MonotonicTime`). */
  start: number
  /** The same instant in epoch milliseconds, to compare with a page's `timeOrigin + now()`. */
  wallStart: number
  end: number | null
  /** Bytes as sent on the wire, headers included (CDP `encodedDataLength`). */
  encodedBytes: number
  failed: boolean
  /** Answered from the browser's caches (a preload taken up, for one): no network request. */
  fromCache: boolean
}

export interface WaterfallSummary {
  requests: number
  encodedBytes: number
  depth: number
  /** The URLs of one longest chain, first request first. */
  chain: string[]
}

/** Starts recording a page's network requests (data: and blob: URLs are not requests). */
export async function recordRequests(cdp: CDPSession): Promise<RecordedRequest[]> {
  const requests = new Map<string, RecordedRequest>()
  const list: RecordedRequest[] = []
  cdp.on('Network.requestWillBeSent', (event) => {
    if (!/^https?:/.test(event.request.url)) return
    // A redirect reuses the id: the hop before it counts as a request of its own.
    const request: RecordedRequest = {
      id: event.requestId,
      url: event.request.url,
      method: event.request.method,
      start: event.timestamp,
      wallStart: event.wallTime * 1000,
      end: null,
      encodedBytes: 0,
      failed: false,
      fromCache: false,
    }
    const previous = requests.get(event.requestId)
    if (previous && event.redirectResponse) previous.end = event.timestamp
    requests.set(event.requestId, request)
    list.push(request)
  })
  const cached = (requestId: string) => {
    const request = requests.get(requestId)
    if (request) request.fromCache = true
  }
  cdp.on('Network.requestServedFromCache', (event) => cached(event.requestId))
  cdp.on('Network.responseReceived', (event) => {
    const { fromDiskCache, fromPrefetchCache, fromServiceWorker } = event.response
    if (fromDiskCache || fromPrefetchCache || fromServiceWorker) cached(event.requestId)
  })
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId)
    if (!request) return
    request.end = event.timestamp
    request.encodedBytes = event.encodedDataLength
  })
  cdp.on('Network.loadingFailed', (event) => {
    const request = requests.get(event.requestId)
    if (!request) return
    request.end = event.timestamp
    request.failed = true
  })
  await cdp.send('Network.enable')
  return list
}

/**
 * Count, bytes and depth of the network requests among `requests` (e.g. those recorded before the
 * secret showed). The page's icon counts as a request but not in chains: nothing waits for it.
 */
export function summarize(requests: readonly RecordedRequest[]): WaterfallSummary {
  const network = requests.filter((r) => !r.fromCache)
  const started = network
    .filter((r) => !/\/favicon\.[a-z]+$/.test(new URL(r.url).pathname))
    .sort((a, b) => a.start - b.start)
  // depth[i]: the longest chain ending in started[i]; a request that has not finished ends nothing.
  const depth: number[] = []
  const previous: number[] = []
  started.forEach((request, i) => {
    depth[i] = 1
    previous[i] = -1
    for (let j = 0; j < i; j++) {
      const before = started[j]
      if (before.end !== null && before.end <= request.start && depth[j] + 1 > depth[i]) {
        depth[i] = depth[j] + 1
        previous[i] = j
      }
    }
  })
  let last = depth.indexOf(Math.max(0, ...depth))
  const chain: string[] = []
  while (last >= 0) {
    chain.unshift(started[last].url)
    last = previous[last]
  }
  return {
    requests: network.length,
    encodedBytes: network.reduce((sum, r) => sum + r.encodedBytes, 0),
    depth: Math.max(0, ...depth),
    chain,
  }
}
