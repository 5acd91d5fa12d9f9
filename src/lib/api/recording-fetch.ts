// For tests of the API clients: a fetch that records each request and answers from a queue.

export interface RecordedRequest {
  url: string
  init: RequestInit
}

/** Answers with the next queued response (throws a queued Error), else with an empty 204. */
export function recordingFetch(...responses: (Response | Error)[]) {
  const requests: RecordedRequest[] = []
  const fetchImpl = async (url: string | URL | Request, init: RequestInit = {}) => {
    requests.push({ url: String(url), init })
    const next = responses.shift() ?? new Response(null, { status: 204 })
    if (next instanceof Error) throw next
    return next
  }
  return { fetchImpl: fetchImpl as typeof fetch, requests }
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
