// The libsodium-wrappers module cut down to what the app calls: its registration lists keep only
// the app's functions and constants, so the bundler drops every other wrapper function; and the
// wasm exports what remains can reach, for slim-core.ts to keep.
import { parseAst } from 'vite'

type Node = { type: string; start: number; end: number; [key: string]: unknown }

function children(node: Node): Node[] {
  const out: Node[] = []
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) out.push(...value.filter(isNode))
    else if (isNode(value)) out.push(value)
  }
  return out
}
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node)
  for (const child of children(node)) walk(child, visit)
}

const stringArray = (node: Node) =>
  node.type === 'ArrayExpression' &&
  (node.elements as Node[]).every((e) => e?.type === 'Literal' && typeof e.value === 'string')
    ? (node.elements as Node[]).map((e) => e.value as string)
    : null

/** The one array literal of strings that contains `marker`, with its position. */
function findStringArray(program: Node, marker: string) {
  const found: { node: Node; names: string[] }[] = []
  walk(program, (node) => {
    const names = stringArray(node)
    if (names?.includes(marker)) found.push({ node, names })
  })
  if (found.length !== 1) throw new Error(`libsodium-wrappers: no single list holding ${marker}`)
  return found[0]
}

interface Edit {
  start: number
  end: number
  text: string
}
function applyEdits(source: string, edits: Edit[]): string {
  let out = source
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

/**
 * The wrappers with only `api`'s functions and constants registered, and the wasm exports (C
 * symbols without their leading underscore) that what remains may call.
 */
export function slimWrappers(source: string, api: readonly string[]) {
  const program = parseAst(source) as unknown as Node
  // Besides the app's, what the wrappers call on their own exports: their start-up self-test.
  const wanted = new Set([...api, ...ownUses(program)])

  // for (var names = ["crypto_aead_…", …], functions = [C, R, …], i = 0; …)
  //   if (typeof libsodium["_" + names[i]] == "function") exports[names[i]] = functions[i]
  const functionList = findStringArray(program, 'crypto_aead_xchacha20poly1305_ietf_encrypt')
  let functionRefs: Node | undefined
  walk(program, (node) => {
    if (node.type !== 'VariableDeclaration') return
    const inits = (node.declarations as Node[]).map((d) => d.init as Node | null)
    const at = inits.indexOf(functionList.node)
    if (at >= 0) functionRefs = inits[at + 1] ?? undefined
  })
  const refs = (functionRefs?.elements as Node[] | undefined) ?? []
  if (
    functionRefs?.type !== 'ArrayExpression' ||
    refs.length !== functionList.names.length ||
    refs.some((r) => r?.type !== 'Identifier')
  )
    throw new Error('libsodium-wrappers: the function list is not followed by its functions')
  const constantList = findStringArray(program, 'SODIUM_LIBRARY_VERSION_MAJOR')
  const stringList = findStringArray(program, 'SODIUM_VERSION_STRING')

  const keptFunctions = functionList.names.filter((n) => wanted.has(n))
  const keptConstants = constantList.names.filter((n) => wanted.has(n))
  const keptStrings = stringList.names.filter((n) => wanted.has(n))
  const utilities = exportedUtilities(program)
  const unknown = api.filter(
    (n) => ![keptFunctions, keptConstants, keptStrings, utilities].some((l) => l.includes(n)),
  )
  if (unknown.length) throw new Error(`libsodium-wrappers has no ${unknown.join(', ')}`)

  const list = (names: string[]) => `[${names.map((n) => JSON.stringify(n)).join(',')}]`
  const wrappers = applyEdits(source, [
    { start: functionList.node.start, end: functionList.node.end, text: list(keptFunctions) },
    {
      start: functionRefs.start,
      end: functionRefs.end,
      text: `[${keptFunctions.map((n) => (refs[functionList.names.indexOf(n)] as Node).name).join(',')}]`,
    },
    { start: constantList.node.start, end: constantList.node.end, text: list(keptConstants) },
    { start: stringList.node.start, end: stringList.node.end, text: list(keptStrings) },
  ])

  // The wasm exports the remaining code may call: `libsodium._name` in any function reachable
  // from the module's top level (over-approximated: any identifier counts as a reference), plus
  // the ones looked up by name in the lists above.
  const symbols = new Set([
    ...keptFunctions,
    ...[...keptConstants, ...keptStrings].map((n) => n.toLowerCase()),
  ])
  const slim = parseAst(wrappers) as unknown as Node
  const declared = new Map<string, Node>()
  for (const node of slim.body as Node[])
    if (node.type === 'FunctionDeclaration') declared.set((node.id as Node).name as string, node)
  const queue = (slim.body as Node[]).filter((n) => n.type !== 'FunctionDeclaration')
  const reached = new Set<Node>()
  while (queue.length) {
    const node = queue.pop()!
    if (reached.has(node)) continue
    reached.add(node)
    walk(node, (n) => {
      if (n.type === 'Identifier' && declared.has(n.name as string))
        queue.push(declared.get(n.name as string)!)
      if (n.type === 'MemberExpression' && !n.computed) {
        const name = (n.property as Node).name as string
        if (name.startsWith('_') && name.length > 1) symbols.add(name.slice(1))
      }
    })
  }
  return { wrappers, symbols }
}

/** `exports.name` read anywhere, `exports` being what the module exports as default. */
function ownUses(program: Node): string[] {
  const defaultExport = (program.body as Node[]).find((n) => n.type === 'ExportDefaultDeclaration')
  const exportsName = (defaultExport?.declaration as Node | undefined)?.name
  if (typeof exportsName !== 'string') throw new Error('libsodium-wrappers: no default export')
  const names: string[] = []
  walk(program, (node) => {
    if (node.type !== 'MemberExpression' || node.computed) return
    if ((node.object as Node).type === 'Identifier' && (node.object as Node).name === exportsName)
      names.push((node.property as Node).name as string)
  })
  return names
}

/** Names the wrappers export besides the default (`pad`, `ready`…): always present. */
function exportedUtilities(program: Node): string[] {
  const names: string[] = []
  walk(program, (node) => {
    if (node.type !== 'ExportNamedDeclaration') return
    for (const s of node.specifiers as Node[]) names.push((s.exported as Node).name as string)
  })
  return names
}
