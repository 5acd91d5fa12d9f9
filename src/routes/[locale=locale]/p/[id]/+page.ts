// The metadata request and libsodium start here, before the page's view mounts.
import { startRecipient } from '$lib/views/recipient-start'
import type { PageLoad } from './$types'

export const load: PageLoad = ({ params, url }) => {
  startRecipient(params.id, url)
}
