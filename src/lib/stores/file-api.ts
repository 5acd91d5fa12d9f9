// The SPA's client of the file routes: the API origin of api.ts, uploads through XHR for progress.
import { createFileApi } from '$lib/api/file-client'
import { xhrUploader } from '$lib/api/xhr-upload'
import { apiUrl, fetchFromApi } from './api'

export const fileApi = createFileApi('', fetchFromApi, async (path, ...rest) =>
  xhrUploader(await apiUrl(path), ...rest),
)
