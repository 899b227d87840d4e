/**
 * Replication throttles as Kafka's ReplicationQuotaManager applies them (KIP-73): a byte rate per
 * broker and direction (leader.replication.throttled.rate for what a leader sends to followers,
 * follower.replication.throttled.rate for what a follower fetches), measured over
 * replication.quota.window.num windows of replication.quota.window.size.seconds, and applied only
 * to the replicas a topic lists in leader/follower.replication.throttled.replicas ("*" for all,
 * else "partition:broker" entries naming this broker). Replicas in the ISR are never held back;
 * the bytes of every throttled replica count toward the rate. While the rate is above its bound,
 * a leader answers a throttled follower's fetch without records for those partitions, and a
 * follower leaves them out of its fetches (KafkaApis / ReplicaFetcherThread.shouldFollowerThrottle).
 */

interface Sample {
  start: number
  bytes: number
}

export class ReplicationQuota {
  readonly #bound: () => number
  readonly #samples: number
  readonly #windowMs: number
  readonly #window: Sample[] = []

  /** `bound`: bytes per second (Infinity: unthrottled), read at each check so dynamic changes apply at once. */
  constructor(bound: () => number, samples = 11, windowMs = 1000) {
    this.#bound = bound
    this.#samples = Math.max(1, samples)
    this.#windowMs = Math.max(1, windowMs)
  }

  get bound(): number {
    return this.#bound()
  }

  record(bytes: number, now = Date.now()): void {
    if (bytes <= 0) return
    this.#purge(now)
    const last = this.#window[this.#window.length - 1]
    if (last !== undefined && now - last.start < this.#windowMs) last.bytes += bytes
    else this.#window.push({ start: now, bytes })
  }

  /**
   * Bytes per second over the retained samples, Kafka's Rate: divided by the time they span, but
   * by at least samples - 1 whole windows (so one burst after a quiet spell is not a high rate).
   */
  rate(now = Date.now()): number {
    this.#purge(now)
    const oldest = this.#window[0]
    if (oldest === undefined) return 0
    let elapsed = now - oldest.start
    const full = Math.floor(elapsed / this.#windowMs)
    if (full < this.#samples - 1) elapsed += (this.#samples - 1 - full) * this.#windowMs
    const total = this.#window.reduce((s, x) => s + x.bytes, 0)
    return (total * 1000) / Math.max(elapsed, 1)
  }

  isQuotaExceeded(now = Date.now()): boolean {
    const bound = this.#bound()
    return Number.isFinite(bound) && this.rate(now) > bound
  }

  #purge(now: number): void {
    const horizon = now - this.#samples * this.#windowMs
    while (this.#window.length > 0 && this.#window[0]!.start + this.#windowMs <= horizon) this.#window.shift()
  }
}

/** A quota that never throttles (a single node, or before replication starts). */
export const UNTHROTTLED = new ReplicationQuota(() => Number.POSITIVE_INFINITY)

/**
 * Whether a topic's throttled-replicas list (leader.replication.throttled.replicas or
 * follower.replication.throttled.replicas) names `brokerId`'s replica of `partition` (Kafka's
 * QuotaConfigHandler.parseThrottledPartitions).
 */
export function isThrottledReplica(list: readonly string[], partition: number, brokerId: number): boolean {
  for (const entry of list) {
    const e = entry.trim()
    if (e === '*') return true
    const colon = e.indexOf(':')
    if (colon > 0 && Number(e.slice(0, colon)) === partition && Number(e.slice(colon + 1)) === brokerId) return true
  }
  return false
}
