// What Docker Compose makes of compose.yaml's values: its `${VAR:-default}` interpolation and its
// port mappings, for the deploy tests (only the forms our recipe may use; others throw).

const VARIABLE = /\$\$|\$\{([A-Za-z_]\w*)(?:(:?-)([^}$]*))?\}|\$([A-Za-z_]\w*)|\$\{?/g

/** `$$`, `$VAR`, `${VAR}`, `${VAR-default}` (when unset) and `${VAR:-default}` (unset or empty). */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    VARIABLE,
    (match, braced?: string, op?: string, fallback = '', bare?: string) => {
      if (match === '$$') return '$'
      const name = braced ?? bare
      if (name === undefined) throw new Error(`unsupported interpolation in "${value}"`)
      if (op === ':-') return env[name] || fallback
      if (op === '-') return env[name] ?? fallback
      return env[name] ?? ''
    },
  )
}

/** Every string in a parsed compose file, interpolated. */
export function interpolateAll<T>(node: T, env: Record<string, string>): T {
  if (typeof node === 'string') return interpolate(node, env) as T
  if (Array.isArray(node)) return node.map((item: unknown) => interpolateAll(item, env)) as T
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, interpolateAll(v, env)]),
    ) as T
  }
  return node
}

export interface PortMapping {
  hostIp: string | null
  hostPort: number | null
  containerPort: number
}

/** Compose's short syntax `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, or the long one. */
export function portMapping(
  spec: string | number | { target: number; published?: string | number; host_ip?: string },
): PortMapping {
  if (typeof spec === 'object') {
    const published = spec.published === undefined ? null : Number(spec.published)
    return { hostIp: spec.host_ip ?? null, hostPort: published, containerPort: spec.target }
  }
  const parts = String(spec).split('/')[0].split(':')
  const containerPort = Number(parts.pop())
  const hostPort = parts.length ? Number(parts.pop()) : null
  const hostIp = parts.length ? parts.join(':').replace(/^\[(.*)\]$/, '$1') : null
  return { hostIp, hostPort, containerPort }
}
