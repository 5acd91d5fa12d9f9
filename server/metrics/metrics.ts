// The Prometheus metrics (prom-client), on their own registry. Built only when
// HUSHLINK_METRICS_TOKEN is set; otherwise nothing records anything and no request pays for it.
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** Seconds: from a fast lookup (0.5 ms) to a slow upload (30 s). */
const DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
]

/** Reads at scrape time, from the database: they cost nothing between scrapes. */
export interface ScrapeReads {
  outboxDepth(): Promise<number>
  /** Seconds the oldest active push is past its expiry (0 when the sweeper keeps up). */
  sweeperLagSeconds(now: number): Promise<number>
}

export function createMetrics(reads: ScrapeReads, clock: () => number = Date.now) {
  const registry = new Registry()
  const registers = [registry]
  const requestDuration = new Histogram({
    name: 'hushlink_http_request_duration_seconds',
    help: 'Time from a request to its answer, by route pattern (never an id) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  })
  const pushesCreated = new Counter({
    name: 'hushlink_pushes_created_total',
    help: 'Pushes created, by kind',
    labelNames: ['kind'] as const,
    registers,
  })
  const pushesEnded = new Counter({
    name: 'hushlink_pushes_ended_total',
    help: 'Pushes ended, by reason (views, time, owner, viewer, locked)',
    labelNames: ['reason'] as const,
    registers,
  })
  const batchDuration = new Histogram({
    name: 'hushlink_db_batch_duration_seconds',
    help: 'Write batches, from asking to their commit (group commit included)',
    buckets: DURATION_BUCKETS,
    registers,
  })
  const checkpointDuration = new Histogram({
    name: 'hushlink_db_checkpoint_duration_seconds',
    help: 'WAL checkpoints that take ended pushes out of the database files',
    buckets: DURATION_BUCKETS,
    registers,
  })
  const deliveries = new Counter({
    name: 'hushlink_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (delivered, failed: retried later, given_up)',
    labelNames: ['outcome'] as const,
    registers,
  })
  new Gauge({
    name: 'hushlink_outbox_depth',
    help: 'Notifications waiting for delivery or being delivered',
    registers,
    async collect() {
      this.set(await reads.outboxDepth())
    },
  })
  new Gauge({
    name: 'hushlink_sweeper_lag_seconds',
    help: 'How long the oldest active push is past its expiry: 0 while the sweeper keeps up',
    registers,
    async collect() {
      this.set(await reads.sweeperLagSeconds(clock()))
    },
  })

  const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000
  // prom-client hashes a label object on every observe; a child per label set is looked up once.
  const requestChildren = new Map<string, { observe(value: number): void }>()

  return {
    registry,
    /** performance.now() at the start, for the `*Since` recorders. */
    now: () => performance.now(),
    requestSince(started: number, method: string, route: string, status: number) {
      const key = `${method} ${status} ${route}`
      let child = requestChildren.get(key)
      if (!child) {
        child = requestDuration.labels({ method, route, status })
        requestChildren.set(key, child)
      }
      child.observe(seconds(started))
    },
    batchSince: (started: number) => batchDuration.observe(seconds(started)),
    checkpointSince: (started: number) => checkpointDuration.observe(seconds(started)),
    created: (kind: string) => pushesCreated.inc({ kind }),
    ended: (reason: string, count = 1) => {
      if (count > 0) pushesEnded.inc({ reason }, count)
    },
    delivery: (outcome: 'delivered' | 'failed' | 'given_up') => deliveries.inc({ outcome }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
