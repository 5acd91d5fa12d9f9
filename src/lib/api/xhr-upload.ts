// Uploads with XMLHttpRequest: the one browser API that reports upload progress (fetch does not).
import { apiResult, networkFailure } from './http'
import type { Uploader } from './file-client'

export const xhrUploader: Uploader = (url, body, headers, onProgress) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) =>
      onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size)
    xhr.onload = () => {
      const retryAfter = xhr.getResponseHeader('Retry-After')
      resolve(apiResult(xhr.status, xhr.statusText, xhr.responseText, retryAfter))
    }
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => resolve(networkFailure())
    xhr.send(body)
  })
