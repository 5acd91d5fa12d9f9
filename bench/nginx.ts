// nginx serving a build directory, the yardstick of the static-file scenario of `npm run bench`:
// one process (master_process off) so its CPU time is that of one pid, no access log, on a free
// loopback port. The binary is $NGINX or the first nginx on the PATH; null when there is none.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, type ServerProcess } from './server-process'

export function findNginx(): string | null {
  if (process.env.NGINX) return process.env.NGINX
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

const TYPES = `types {
  text/html html; text/css css; text/javascript js mjs; application/json json;
  image/svg+xml svg; application/wasm wasm; text/plain txt;
}`

function config(root: string, port: number, dir: string): string {
  const temp = (name: string) => join(dir, name)
  return `daemon off;
master_process off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
  ${TYPES}
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files $uri /index.html; }
  }
}
`
}

/** nginx on `root`, or null when no nginx is installed. */
export async function startNginx(root: string): Promise<ServerProcess | null> {
  const binary = findNginx()
  if (!binary) return null
  const dir = mkdtempSync(join(tmpdir(), 'hushlink-nginx-'))
  const port = await freePort()
  writeFileSync(join(dir, 'nginx.conf'), config(root, port, dir))
  let stderr = ''
  const child = spawn(binary, ['-p', dir, '-e', 'stderr', '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline && child.exitCode === null) {
    if (
      await fetch(origin + '/').then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return {
        origin,
        child,
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            child.once('exit', (code) => {
              rmSync(dir, { recursive: true, force: true })
              done(code)
            })
            child.kill(signal)
          }),
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
  throw new Error(`nginx (${binary}) did not start:\n${stderr}`)
}
