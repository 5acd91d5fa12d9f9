// The SPA's client of the file routes: the API origin of api.ts, uploads through XHR for progress.
// The XHR uploader loads with the first upload: a recipient, who only downloads, never fetches it.
import { createFileApi } from '$lib/api/file-client'
import { networkFailure } from '$lib/api/http'
import { apiUrl, fetchFromApi } from './api'

export const fileApi = createFileApi('', fetchFromApi, async (path, ...rest) => {
  try {
    const { xhrUploader } = await import('$lib/api/xhr-upload')
    return xhrUploader(await apiUrl(path), ...rest)
  } catch {
    return networkFailure()
  }
})
