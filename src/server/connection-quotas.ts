/**
 * Kafka's ConnectionQuotas: max.connections for the broker and for each listener
 * (`listener.name.<l>.max.connections`), max.connections.per.ip for each client address, with
 * max.connections.per.ip.overrides naming addresses or host names that get another limit, and
 * the connection creation rate (KIP-612's max.connection.creation.rate, broker-wide and per
 * listener). A connection over a count limit is closed as soon as it is accepted (Kafka drops it
 * too for the per-ip limit; for max.connections its acceptor waits for a free slot, which Node's
 * accept loop cannot do, so here the client reconnects after its backoff). A connection over a
 * rate is held unread for the throttle time, as Kafka's acceptor waits before it takes the next
 * one: the listener admits nothing else meanwhile. The inter-broker listener (when the broker has
 * more than one) is not held to the broker-wide limits, only to its own, as in Kafka.
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { Rate } from '../security/quotas.js'

export interface ListenerConnectionQuota {
  /** listener.name.<l>.max.connections */
  maxConnections: number
  /** listener.name.<l>.max.connection.creation.rate */
  maxConnectionCreationRate: number
}

export interface ConnectionQuotaConfig {
  /** max.connections */
  maxConnections: number
  /** max.connections.per.ip */
  maxConnectionsPerIp: number
  /** max.connections.per.ip.overrides, as Kafka writes it: `hostName:100,127.0.0.1:200`. */
  overrides: string
  /** max.connection.creation.rate, connections a second (Kafka's default: no limit) */
  maxConnectionCreationRate?: number
  /** The listener-level limits, by listener name. */
  listeners?: ReadonlyMap<string, ListenerConnectionQuota>
  /** The inter-broker listener, protected from the broker-wide limits when the broker has more than one. */
  protectedListener?: string
  /** quota.window.size.seconds in ms and quota.window.num: the rate's samples (Kafka's 1 s and 11). */
  windowMs?: number
  numSamples?: number
}

const UNLIMITED = 2147483647

/** `host:n` pairs; the last `:` splits, so IPv6 addresses work (`::1:5`). */
export function parseOverrides(value: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const raw of value.split(',')) {
    const item = raw.trim()
    if (item === '') continue
    const at = item.lastIndexOf(':')
    const n = Number(item.slice(at + 1))
    if (at <= 0 || !Number.isInteger(n) || n < 0) throw new Error(`max.connections.per.ip.overrides: "${item}" is not host:count`)
    out.set(item.slice(0, at).trim(), n)
  }
  return out
}

/** The address as connections report it, IPv4-mapped IPv6 written as IPv4. */
function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** Overrides with host names resolved, as Kafka resolves them when configured. */
async function resolveOverrides(value: string): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const [host, n] of parseOverrides(value)) {
    if (isIP(host) !== 0) {
      out.set(normalizeAddress(host), n)
      continue
    }
    for (const a of await lookup(host, { all: true })) out.set(normalizeAddress(a.address), n)
  }
  return out
}

/** A connection creation rate limit and its measured rate (Kafka's connection rate sensor). */
class CreationRate {
  limit: number
  readonly rate: Rate

  constructor(limit: number, windowMs: number, numSamples: number) {
    this.limit = limit
    this.rate = new Rate(windowMs, numSamples)
  }

  /**
   * Records one connection; returns how long to wait for the rate to come back to the limit (Kafka's
   * QuotaUtils.boundedThrottleTime: the excess over the limit times the window, at most `maxMs`).
   */
  record(now: number, maxMs: number): number {
    this.rate.record(1, now)
    if (this.limit >= UNLIMITED) return 0
    const measured = this.rate.measure(now)
    if (measured <= this.limit) return 0
    if (this.limit <= 0) return maxMs
    return Math.min(maxMs, Math.ceil(((measured - this.limit) / this.limit) * this.rate.windowMs(now)))
  }
}

export class ConnectionQuotas {
  maxConnections: number
  maxConnectionsPerIp: number
  #overrides = new Map<string, number>()
  readonly #perIp = new Map<string, number>()
  readonly #perListener = new Map<string, number>()
  readonly #listenerLimits = new Map<string, { maxConnections: number; rate: CreationRate }>()
  readonly #brokerRate: CreationRate
  readonly #windowMs: number
  readonly #numSamples: number
  #protectedListener: string | undefined
  #total = 0

  /** Host names in the overrides are resolved now, as Kafka resolves them when configured. */
  static async create(config: ConnectionQuotaConfig): Promise<ConnectionQuotas> {
    const quotas = new ConnectionQuotas(config.maxConnections, config.maxConnectionsPerIp, config)
    quotas.#overrides = await resolveOverrides(config.overrides)
    return quotas
  }

  constructor(maxConnections: number, maxConnectionsPerIp: number, config: Partial<ConnectionQuotaConfig> = {}) {
    this.maxConnections = maxConnections
    this.maxConnectionsPerIp = maxConnectionsPerIp
    this.#windowMs = config.windowMs ?? 1000
    this.#numSamples = config.numSamples ?? 11
    this.#brokerRate = new CreationRate(config.maxConnectionCreationRate ?? UNLIMITED, this.#windowMs, this.#numSamples)
    for (const [name, q] of config.listeners ?? []) {
      this.#listenerLimits.set(name, {
        maxConnections: q.maxConnections,
        rate: new CreationRate(q.maxConnectionCreationRate, this.#windowMs, this.#numSamples),
      })
    }
    this.#protectedListener = config.protectedListener
  }

  /** Dynamic updates (Kafka's are cluster-wide dynamic configs); overrides' host names are resolved again. */
  async reconfigure(config: Pick<ConnectionQuotaConfig, 'maxConnections' | 'maxConnectionsPerIp' | 'overrides' | 'maxConnectionCreationRate'>): Promise<void> {
    const overrides = await resolveOverrides(config.overrides)
    this.maxConnections = config.maxConnections
    this.maxConnectionsPerIp = config.maxConnectionsPerIp
    this.#overrides = overrides
    this.#brokerRate.limit = config.maxConnectionCreationRate ?? UNLIMITED
  }

  get total(): number {
    return this.#total
  }

  get maxConnectionCreationRate(): number {
    return this.#brokerRate.limit
  }

  count(address: string): number {
    return this.#perIp.get(normalizeAddress(address)) ?? 0
  }

  limitFor(address: string): number {
    return this.#overrides.get(normalizeAddress(address)) ?? this.maxConnectionsPerIp
  }

  #isProtected(listener: string | undefined): boolean {
    return listener !== undefined && listener === this.#protectedListener
  }

  /**
   * Records a new connection on `listener` in the creation rates and returns how long the
   * listener waits before it admits it (0: at once). The inter-broker listener counts only
   * against its own rate. The wait is at most one quota window, as in Kafka.
   */
  recordCreation(listener: string | undefined, now: number): number {
    const broker = this.#isProtected(listener) ? 0 : this.#brokerRate.record(now, this.#windowMs)
    const own = listener === undefined ? undefined : this.#listenerLimits.get(listener)
    return Math.max(broker, own === undefined ? 0 : own.rate.record(now, this.#windowMs))
  }

  /** Takes a slot for a new connection from `address` on `listener`, or says which limit refuses it. */
  acquire(address: string, listener?: string): string | null {
    const ip = normalizeAddress(address)
    const n = this.#perIp.get(ip) ?? 0
    const limit = this.limitFor(ip)
    if (n >= limit) return `max.connections.per.ip (${limit}) reached for ${ip}`
    const own = listener === undefined ? undefined : this.#listenerLimits.get(listener)
    const onListener = listener === undefined ? 0 : (this.#perListener.get(listener) ?? 0)
    if (own !== undefined && onListener >= own.maxConnections) return `listener.name.${listener}.max.connections (${own.maxConnections}) reached`
    if (!this.#isProtected(listener) && this.#total >= this.maxConnections) return `max.connections (${this.maxConnections}) reached`
    this.#perIp.set(ip, n + 1)
    if (listener !== undefined) this.#perListener.set(listener, onListener + 1)
    this.#total++
    return null
  }

  release(address: string, listener?: string): void {
    const ip = normalizeAddress(address)
    const n = this.#perIp.get(ip) ?? 0
    if (n <= 1) this.#perIp.delete(ip)
    else this.#perIp.set(ip, n - 1)
    if (n > 0) this.#total--
    if (listener !== undefined && n > 0) {
      const l = this.#perListener.get(listener) ?? 0
      if (l <= 1) this.#perListener.delete(listener)
      else this.#perListener.set(listener, l - 1)
    }
  }
}
