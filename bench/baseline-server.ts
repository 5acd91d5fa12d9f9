// The baseline of `npm run bench`: hello world on the same stack (Hono on @hono/node-server, run
// by tsx), so the product's numbers read as a share of what the stack itself can do.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/hello', (c) => c.json({ hello: 'world' }))

const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT),
  hostname: process.env.HOST,
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
