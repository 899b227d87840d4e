/**
 * Kafka's ConnectionQuotas: max.connections for the broker, max.connections.per.ip for each
 * client address, with max.connections.per.ip.overrides naming addresses or host names that get
 * another limit. A connection over a limit is closed as soon as it is accepted (Kafka drops it
 * too for the per-ip limit; for max.connections its acceptor waits for a free slot, which Node's
 * accept loop cannot do, so here the client reconnects after its backoff).
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

export interface ConnectionQuotaConfig {
  /** max.connections */
  maxConnections: number
  /** max.connections.per.ip */
  maxConnectionsPerIp: number
  /** max.connections.per.ip.overrides, as Kafka writes it: `hostName:100,127.0.0.1:200`. */
  overrides: string
}

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
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

export class ConnectionQuotas {
  readonly maxConnections: number
  readonly maxConnectionsPerIp: number
  readonly #overrides = new Map<string, number>()
  readonly #perIp = new Map<string, number>()
  #total = 0

  /** Host names in the overrides are resolved now, as Kafka resolves them when configured. */
  static async create(config: ConnectionQuotaConfig): Promise<ConnectionQuotas> {
    const quotas = new ConnectionQuotas(config.maxConnections, config.maxConnectionsPerIp)
    for (const [host, n] of parseOverrides(config.overrides)) {
      if (isIP(host) !== 0) {
        quotas.#overrides.set(normalizeAddress(host), n)
        continue
      }
      for (const a of await lookup(host, { all: true })) quotas.#overrides.set(normalizeAddress(a.address), n)
    }
    return quotas
  }

  constructor(maxConnections: number, maxConnectionsPerIp: number) {
    this.maxConnections = maxConnections
    this.maxConnectionsPerIp = maxConnectionsPerIp
  }

  get total(): number {
    return this.#total
  }

  count(address: string): number {
    return this.#perIp.get(normalizeAddress(address)) ?? 0
  }

  limitFor(address: string): number {
    return this.#overrides.get(normalizeAddress(address)) ?? this.maxConnectionsPerIp
  }

  /** Takes a slot for a new connection from `address`, or says which limit refuses it. */
  acquire(address: string): string | null {
    const ip = normalizeAddress(address)
    const n = this.#perIp.get(ip) ?? 0
    const limit = this.limitFor(ip)
    if (n >= limit) return `max.connections.per.ip (${limit}) reached for ${ip}`
    if (this.#total >= this.maxConnections) return `max.connections (${this.maxConnections}) reached`
    this.#perIp.set(ip, n + 1)
    this.#total++
    return null
  }

  release(address: string): void {
    const ip = normalizeAddress(address)
    const n = this.#perIp.get(ip) ?? 0
    if (n <= 1) this.#perIp.delete(ip)
    else this.#perIp.set(ip, n - 1)
    if (n > 0) this.#total--
  }
}
