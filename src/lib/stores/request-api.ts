// The SPA's request client, on the same API origin as every other call (stores/api.ts).
import { createRequestClient } from '$lib/api/request-client'
import { fetchFromApi } from './api'

export const requestApi = createRequestClient('', fetchFromApi)
