#!/usr/bin/env node
// Entry point of `hushlink`: runs the TypeScript CLI through tsx, so it needs no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('./main.ts')
await main()
