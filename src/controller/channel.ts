/**
 * Kafka's ControllerChannelManager: one connection and one in-order queue per live broker. Each
 * request is sent at the version the broker negotiates and retried after a failure (a broken
 * connection, a timeout) until it is answered or the broker leaves the cluster, so a broker sees
 * the controller's requests exactly in the order they were queued.
 */
import type { Logger } from '../logger.js'
import { connectToBroker, type InterBrokerEndpoint, type InterBrokerSecurity } from './broker-connection.js'
import type { Connection } from '../client/connection.js'

export interface ControllerRequest {
  /** for logs */
  readonly name: string
  /** sends the request on `conn` and handles its answer; throws to be retried */
  send(conn: Connection): Promise<void>
}

const RETRY_BACKOFF_MS = 100
const MAX_RETRY_BACKOFF_MS = 1000

class BrokerQueue {
  readonly #endpoint: InterBrokerEndpoint
  readonly #clientId: string
  readonly #log: Logger
  readonly #queue: ControllerRequest[] = []
  #conn: Connection | undefined
  #running = false
  #stopped = false
  #wake: (() => void) | undefined
  #idle: Array<() => void> = []

  readonly #requestTimeoutMs: number

  readonly #security: InterBrokerSecurity | undefined

  constructor(endpoint: InterBrokerEndpoint, clientId: string, log: Logger, requestTimeoutMs: number, security?: InterBrokerSecurity) {
    this.#security = security
    this.#endpoint = endpoint
    this.#clientId = clientId
    this.#log = log
    this.#requestTimeoutMs = requestTimeoutMs
  }

  enqueue(r: ControllerRequest): void {
    if (this.#stopped) return
    this.#queue.push(r)
    if (!this.#running) void this.#run()
  }

  /** Resolves once every queued request was answered (or the broker was removed). */
  drained(): Promise<void> {
    if (!this.#running || this.#stopped) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  async #run(): Promise<void> {
    this.#running = true
    let backoff = RETRY_BACKOFF_MS
    let failures = 0
    while (!this.#stopped && this.#queue.length > 0) {
      const r = this.#queue[0]!
      try {
        this.#conn ??= await connectToBroker(this.#endpoint, this.#clientId, { requestTimeoutMs: this.#requestTimeoutMs, security: this.#security })
        if (this.#stopped) break
        await r.send(this.#conn)
        this.#queue.shift()
        backoff = RETRY_BACKOFF_MS
        failures = 0
      } catch (err) {
        if (this.#stopped) break
        // A broker that is stopping refuses connections until ZooKeeper says it is gone: say it once.
        const fields = { broker: this.#endpoint.brokerId, request: r.name, err: (err as Error).message }
        if (failures++ === 0) this.#log.warn(fields, 'controller request failed; retrying')
        else this.#log.debug(fields, 'controller request failed again; retrying')
        this.#conn?.destroy()
        this.#conn = undefined
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff)
          this.#wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        this.#wake = undefined
        backoff = Math.min(backoff * 2, MAX_RETRY_BACKOFF_MS)
      }
    }
    this.#running = false
    for (const f of this.#idle.splice(0)) f()
  }

  stop(): void {
    this.#stopped = true
    this.#queue.length = 0
    this.#wake?.()
    this.#conn?.destroy()
    this.#conn = undefined
    for (const f of this.#idle.splice(0)) f()
  }
}

export class ControllerChannelManager {
  readonly #clientId: string
  readonly #log: Logger
  readonly #brokers = new Map<number, BrokerQueue>()
  readonly #requestTimeoutMs: number

  readonly #security: InterBrokerSecurity | undefined

  constructor(controllerId: number, log: Logger, requestTimeoutMs = 30_000, security?: InterBrokerSecurity) {
    this.#security = security
    this.#clientId = `controller-${controllerId}`
    this.#log = log
    this.#requestTimeoutMs = requestTimeoutMs
  }

  addBroker(endpoint: InterBrokerEndpoint): void {
    this.removeBroker(endpoint.brokerId)
    this.#brokers.set(endpoint.brokerId, new BrokerQueue(endpoint, this.#clientId, this.#log, this.#requestTimeoutMs, this.#security))
  }

  removeBroker(brokerId: number): void {
    this.#brokers.get(brokerId)?.stop()
    this.#brokers.delete(brokerId)
  }

  has(brokerId: number): boolean {
    return this.#brokers.has(brokerId)
  }

  send(brokerId: number, request: ControllerRequest): void {
    const q = this.#brokers.get(brokerId)
    if (q === undefined) {
      this.#log.debug({ broker: brokerId, request: request.name }, 'not sending to a broker that is not live')
      return
    }
    q.enqueue(request)
  }

  /** Resolves once the queue of `brokerId` is empty. */
  drained(brokerId: number): Promise<void> {
    return this.#brokers.get(brokerId)?.drained() ?? Promise.resolve()
  }

  close(): void {
    for (const q of this.#brokers.values()) q.stop()
    this.#brokers.clear()
  }
}
