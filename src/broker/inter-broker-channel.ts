/**
 * The broker channel to the other brokers of a cluster (LocalBrokerChannel's remote): one
 * connection per broker on its inter-broker listener, as the MetadataCache last described it,
 * made where all inter-broker connections are made (controller/broker-connection.ts). A failed
 * request drops its connection; the caller retries as its protocol says (a marker is written
 * again, a verification answered with a retriable error).
 */
import { SamsaError } from '../errors.js'
import type { Input } from '../protocol/codec-support.js'
import type { ApiKeyNumber, RequestOf, ResponseOf } from '../protocol/generated/index.js'
import { connectToBroker, type BrokerConnection, type InterBrokerSecurity } from '../controller/broker-connection.js'
import type { BrokerChannel } from './broker-channel.js'
import type { MetadataCache } from './metadata-cache.js'

export class InterBrokerChannel implements BrokerChannel {
  readonly #metadata: MetadataCache
  readonly #listener: string
  readonly #clientId: string
  readonly #requestTimeoutMs: number
  readonly #connections = new Map<number, Promise<BrokerConnection>>()

  readonly #security: InterBrokerSecurity | undefined

  constructor(metadata: MetadataCache, listener: string, localId: number, requestTimeoutMs: number, security?: InterBrokerSecurity) {
    this.#security = security
    this.#metadata = metadata
    this.#listener = listener
    this.#clientId = `broker-${localId}`
    this.#requestTimeoutMs = requestTimeoutMs
  }

  #connection(brokerId: number): Promise<BrokerConnection> {
    let c = this.#connections.get(brokerId)
    if (c === undefined) {
      const b = this.#metadata.liveBrokers().find((x) => x.id === brokerId)
      const ep = b?.endpoints.find((e) => e.listener === this.#listener)
      if (b === undefined || ep === undefined)
        return Promise.reject(new SamsaError('SAMSA_NO_BROKER_CHANNEL', `broker ${brokerId} is not live (or has no ${this.#listener} listener)`))
      c = connectToBroker({ brokerId, listener: this.#listener, host: ep.host, port: ep.port, securityProtocol: ep.securityProtocol }, this.#clientId, {
        requestTimeoutMs: this.#requestTimeoutMs,
        security: this.#security,
      })
      this.#connections.set(brokerId, c)
      c.then(
        (conn) =>
          conn.onClose(() => {
            if (this.#connections.get(brokerId) === c) this.#connections.delete(brokerId)
          }),
        () => this.#connections.delete(brokerId),
      )
    }
    return c
  }

  async send<K extends ApiKeyNumber>(brokerId: number, key: K, request: RequestOf<K>): Promise<Input<ResponseOf<K>>> {
    const conn = await this.#connection(brokerId)
    try {
      return (await conn.send(key, conn.versionFor(key), request)) as Input<ResponseOf<K>>
    } catch (err) {
      conn.destroy()
      this.#connections.delete(brokerId)
      throw err
    }
  }

  close(): void {
    for (const c of this.#connections.values())
      c.then(
        (conn) => conn.destroy(),
        () => {},
      )
    this.#connections.clear()
  }
}
