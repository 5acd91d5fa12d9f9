// Matches a URL locale prefix only when this build ships that locale's file (de, pt-BR, zh-CN…).
import type { ParamMatcher } from '@sveltejs/kit'
import { isAvailableLocale } from '$lib/i18n/available-locales'

export const match: ParamMatcher = (param) => isAvailableLocale(param)
