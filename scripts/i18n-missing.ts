// The translators' work list: per locale, the keys of en.json it lacks and keys en.json dropped.
// Run: npx tsx scripts/i18n-missing.ts [code…]   Exits 1 while any locale is out of step.
import { readdirSync, readFileSync } from 'node:fs'
import { compareKeys, flattenMessages } from '../src/lib/i18n/catalog'

const LOCALES_DIR = new URL('../locales/', import.meta.url)
const SOURCE = 'en'

const readCatalog = (code: string) =>
  flattenMessages(JSON.parse(readFileSync(new URL(`${code}.json`, LOCALES_DIR), 'utf8')))

const source = readCatalog(SOURCE)
const wanted = process.argv.slice(2)
const codes = readdirSync(LOCALES_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .filter((code) => code !== SOURCE && (wanted.length === 0 || wanted.includes(code)))
  .sort()

let outOfStep = 0
for (const code of codes) {
  const { missing, extra } = compareKeys(source, readCatalog(code))
  if (missing.length === 0 && extra.length === 0) continue
  outOfStep++
  console.log(`\n${code}: ${missing.length} missing, ${extra.length} extra`)
  for (const key of missing) console.log(`  - ${key}  ${JSON.stringify(source[key])}`)
  for (const key of extra) console.log(`  + ${key}`)
}

const total = Object.keys(source).length
console.log(`\n${codes.length} locales against ${total} English keys: ${outOfStep} out of step.`)
process.exitCode = outOfStep > 0 ? 1 : 0
