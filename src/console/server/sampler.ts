/**
 * Produce and consume rates for the overview chart, derived the way any outside tool can: the
 * console samples every partition's end offset (ListOffsets) and every group's committed
 * offsets (OffsetFetch) at an interval, and divides the deltas by the time between samples.
 * It samples only while someone looks (an API call within the last minute), so an idle
 * console costs the broker nothing.
 */
import { listOffsets, tpKey } from '../../client/index.js'
import type { ConsoleContext } from './context.js'

export interface RateSample {
  /** epoch ms */
  t: number
  /** records appended per second, all topics */
  produced: number | null
  /** records committed by consumer groups per second */
  consumed: number | null
}

const IDLE_AFTER_MS = 60_000

export class RateSampler {
  readonly #ctx: ConsoleContext
  readonly #intervalMs: number
  readonly #keep: number
  readonly #samples: RateSample[] = []
  #timer: NodeJS.Timeout | undefined
  #lastTouch = 0
  #prev: { t: number; ends: Map<string, bigint> | null; committed: Map<string, bigint> | null } | undefined
  #running: Promise<void> | undefined

  constructor(ctx: ConsoleContext, opts: { intervalMs?: number; keep?: number } = {}) {
    this.#ctx = ctx
    this.#intervalMs = opts.intervalMs ?? 2_000
    this.#keep = opts.keep ?? 150
  }

  get intervalMs(): number {
    return this.#intervalMs
  }

  /** Marks the console as watched; starts sampling if it was idle. */
  touch(): void {
    this.#lastTouch = Date.now()
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#tick(), this.#intervalMs).unref()
      this.#tick()
    }
  }

  samples(): RateSample[] {
    return [...this.#samples]
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
    this.#prev = undefined
  }

  async close(): Promise<void> {
    this.stop()
    await this.#running
  }

  #tick(): void {
    if (Date.now() - this.#lastTouch > IDLE_AFTER_MS) {
      this.stop()
      return
    }
    if (this.#running !== undefined) return
    this.#running = this.sampleOnce().finally(() => (this.#running = undefined))
  }

  /** Takes one sample now (exposed for tests). */
  async sampleOnce(): Promise<void> {
    const t = Date.now()
    const [ends, committed] = await Promise.all([this.#endOffsets().catch(() => null), this.#committedOffsets().catch(() => null)])
    const prev = this.#prev
    this.#prev = { t, ends, committed }
    if (prev === undefined) return
    const secs = (t - prev.t) / 1000
    this.#samples.push({ t, produced: rate(prev.ends, ends, secs), consumed: rate(prev.committed, committed, secs) })
    if (this.#samples.length > this.#keep) this.#samples.splice(0, this.#samples.length - this.#keep)
  }

  async #endOffsets(): Promise<Map<string, bigint>> {
    const cluster = this.#ctx.cluster
    const topics = await cluster.refreshMetadata(null)
    const tps = [...topics.values()]
      .filter((t) => t.errorCode === 0)
      .flatMap((t) => t.info.partitions.filter((p) => p.leader >= 0).map((p) => ({ topic: t.info.name, partition: p.partition, spec: 'latest' as const })))
    const offsets = tps.length === 0 ? new Map() : await listOffsets(cluster, tps)
    return new Map([...offsets].map(([k, v]) => [k, v.offset]))
  }

  async #committedOffsets(): Promise<Map<string, bigint>> {
    const out = new Map<string, bigint>()
    const groups = await this.#ctx.admin.listGroups()
    for (const g of groups.slice(0, 100)) {
      const offsets = await this.#ctx.admin.listGroupOffsets(g.groupId).catch(() => [])
      for (const o of offsets) if (o.offset >= 0n) out.set(`${g.groupId}\u0000${tpKey(o.topic, o.partition)}`, o.offset)
    }
    return out
  }
}

/** Sum of positive deltas per second over keys present in both samples. */
function rate(before: Map<string, bigint> | null, after: Map<string, bigint> | null, secs: number): number | null {
  if (before === null || after === null || secs <= 0) return null
  let sum = 0n
  for (const [k, v] of after) {
    const b = before.get(k)
    if (b !== undefined && v > b) sum += v - b
  }
  return Number(sum) / secs
}
