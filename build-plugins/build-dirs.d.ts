/** The adapter's output: index.html and _app/. */
export const buildDir: string
/** SvelteKit's outDir. */
export const kitDir: string
