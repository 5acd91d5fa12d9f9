// Matches a URL locale prefix that names a language this build ships, in any BCP 47 spelling
// (zh-Hant, nb, PT-br…); the root layout then redirects to the shipped spelling.
import type { ParamMatcher } from '@sveltejs/kit'
import { bestAvailableLocale } from '$lib/i18n/available-locales'

export const match: ParamMatcher = (param) => bestAvailableLocale([param]) !== null
