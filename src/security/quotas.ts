/**
 * Client quotas as Kafka's ClientQuotaManager: produce and fetch byte rates and the request time
 * percentage, per user, client id, or both. A (user, client id) takes each quota from the first
 * of these entities that sets it (Kafka's precedence):
 *   users/<user>/clients/<client-id>, users/<user>/clients/<default>, users/<user>,
 *   users/<default>/clients/<client-id>, users/<default>/clients/<default>, users/<default>,
 *   clients/<client-id>, clients/<default>
 * and shares its rate with every connection of the same matched entity (a default applies to
 * each user or client id on its own). Rates are measured as Kafka's Rate over
 * `quota.window.num` samples of `quota.window.size.seconds`; a client over its quota is told how
 * long to wait (throttle_time_ms, see #throttle), and its connection is muted that long.
 */
import type { EntityConfigs, QuotaEntity, QuotaKey } from './entity-configs.js'

export type QuotaType = 'produce' | 'fetch' | 'request'

const KEY_OF: Record<QuotaType, QuotaKey> = {
  produce: 'producer_byte_rate',
  fetch: 'consumer_byte_rate',
  request: 'request_percentage',
}

/** Kafka's SampledStat-based Rate: the sum of the samples over the window they span (at least numSamples - 1 windows). */
export class Rate {
  readonly #windowMs: number
  readonly #numSamples: number
  readonly #samples: Array<{ start: number; value: number }> = []

  constructor(windowMs: number, numSamples: number) {
    this.#windowMs = windowMs
    this.#numSamples = numSamples
  }

  record(value: number, now: number): void {
    this.#purge(now)
    let current = this.#samples[this.#samples.length - 1]
    if (current === undefined || now >= current.start + this.#windowMs) {
      current = { start: now, value: 0 }
      this.#samples.push(current)
      if (this.#samples.length > this.#numSamples) this.#samples.shift()
    }
    current.value += value
  }

  /** Per second. */
  measure(now: number): number {
    return this.total(now) / (this.windowMs(now) / 1000)
  }

  /** The sum of the samples still in the window. */
  total(now: number): number {
    this.#purge(now)
    let total = 0
    for (const s of this.#samples) total += s.value
    return total
  }

  /** How long the samples really span (from the oldest sample's start). */
  elapsedMs(now: number): number {
    const oldest = this.#samples[0]
    return oldest === undefined ? 0 : now - oldest.start
  }

  /** The span the rate is measured over (Rate.windowSize). */
  windowMs(now: number): number {
    const oldest = this.#samples[0]
    let elapsed = oldest === undefined ? 0 : now - oldest.start
    const full = Math.floor(elapsed / this.#windowMs)
    const minFull = this.#numSamples - 1
    if (full < minFull) elapsed += (minFull - full) * this.#windowMs
    return elapsed
  }

  #purge(now: number): void {
    const expireAge = this.#numSamples * this.#windowMs
    while (this.#samples.length > 0 && now - this.#samples[0]!.start >= expireAge) this.#samples.shift()
  }
}

export interface QuotaManagerOptions {
  /** quota.window.num (Kafka's default 11) */
  numSamples: number
  /** quota.window.size.seconds in ms (Kafka's default 1 s) */
  windowMs: number
}

interface Match {
  limit: number
  /** the sensor's key: the matched entity with the actual names */
  sensor: string
}

export class ClientQuotaManager {
  readonly #configs: EntityConfigs
  readonly #opts: QuotaManagerOptions
  readonly #sensors = new Map<string, { rate: Rate; lastUsed: number }>()
  /** (type, user, client id) -> the matched quota; cleared when any quota changes */
  readonly #matches = new Map<string, Match | null>()
  #anyQuota: boolean

  constructor(configs: EntityConfigs, opts: QuotaManagerOptions) {
    this.#configs = configs
    this.#opts = opts
    this.#anyQuota = configs.quotaEntries().length > 0
    configs.onQuotaChange(() => {
      this.#matches.clear()
      this.#sensors.clear()
      this.#anyQuota = configs.quotaEntries().length > 0
    })
  }

  /** Whether any quota is configured (when none is, nothing is measured). */
  get enabled(): boolean {
    return this.#anyQuota
  }

  /** The quota that applies to (user, client id), or undefined when none does. */
  quotaFor(type: QuotaType, user: string, clientId: string): number | undefined {
    return this.#match(type, user, clientId)?.limit
  }

  #match(type: QuotaType, user: string, clientId: string): Match | undefined {
    const cacheKey = `${type}\u0000${user}\u0000${clientId}`
    const cached = this.#matches.get(cacheKey)
    if (cached !== undefined) return cached ?? undefined
    const key = KEY_OF[type]
    const candidates: Array<[QuotaEntity, string, string]> = [
      [{ user, clientId }, user, clientId],
      [{ user, clientId: null }, user, clientId],
      [{ user }, user, ''],
      [{ user: null, clientId }, user, clientId],
      [{ user: null, clientId: null }, user, clientId],
      [{ user: null }, user, ''],
      [{ clientId }, '', clientId],
      [{ clientId: null }, '', clientId],
    ]
    let found: Match | null = null
    for (const [entity, u, c] of candidates) {
      const limit = this.#configs.quota(entity, key)
      if (limit !== undefined) {
        found = { limit, sensor: `${type}\u0000${u}\u0000${c}` }
        break
      }
    }
    if (this.#matches.size > 100_000) this.#matches.clear()
    this.#matches.set(cacheKey, found)
    return found ?? undefined
  }

  #sensor(key: string, now: number): Rate {
    let s = this.#sensors.get(key)
    if (s === undefined) {
      if (this.#sensors.size > 100_000) this.#expire(now)
      this.#sensors.set(key, (s = { rate: new Rate(this.#opts.windowMs, this.#opts.numSamples), lastUsed: now }))
    }
    s.lastUsed = now
    return s.rate
  }

  #expire(now: number): void {
    const idle = this.#opts.windowMs * this.#opts.numSamples
    for (const [k, s] of this.#sensors) if (now - s.lastUsed > idle) this.#sensors.delete(k)
  }

  /** Records `value` (bytes, or request time as percent-seconds) and returns how long the client must wait, in ms. */
  recordAndGetThrottleTimeMs(type: QuotaType, user: string, clientId: string, value: number, now = Date.now()): number {
    if (!this.#anyQuota) return 0
    const m = this.#match(type, user, clientId)
    if (m === undefined) return 0
    const rate = this.#sensor(m.sensor, now)
    rate.record(value, now)
    return this.#throttle(rate, m.limit, now)
  }

  /** Takes back a recorded value (a throttled fetch returns no data, so its bytes do not count). */
  unrecord(type: QuotaType, user: string, clientId: string, value: number, now = Date.now()): void {
    const m = this.#anyQuota ? this.#match(type, user, clientId) : undefined
    if (m !== undefined) this.#sensor(m.sensor, now).record(-value, now)
  }

  /**
   * Kafka's QuotaUtils.throttleTime is (rate - quota) / quota * window = total / quota - window,
   * with the window at least numSamples - 1 windows long. While the samples span less than that,
   * waiting does not lengthen the window, so that wait is too short and a client could exceed
   * its quota by about a tenth over the first seconds; the wait here is counted from the time the
   * samples really span: the client may go on once `total` bytes fit its quota since the oldest
   * sample began. Once the samples span the whole window both are the same.
   */
  #throttle(rate: Rate, limit: number, now: number): number {
    if (rate.measure(now) <= limit) return 0
    const ms = Math.round((rate.total(now) / limit) * 1000 - rate.elapsedMs(now))
    return Math.max(0, Math.min(ms, this.#opts.windowMs * this.#opts.numSamples))
  }
}
