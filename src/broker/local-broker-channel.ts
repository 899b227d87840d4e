/** The broker channel of a broker: in-process for itself, through an installed channel for the others. */
import { SamsaError } from '../errors.js'
import type { Input } from '../protocol/codec-support.js'
import type { ApiKeyNumber, RequestOf, ResponseOf } from '../protocol/generated/index.js'
import type { BrokerChannel } from './broker-channel.js'
import { NO_RESPONSE, requestContext, type BrokerParts, type HandlerRegistry } from './handler.js'
import { userPrincipal } from '../security/principal.js'

const BROKER_PRINCIPAL = userPrincipal('broker')

/** The channel of a broker: in-process for itself, `remote` (none by default) for the others. */
export class LocalBrokerChannel implements BrokerChannel {
  readonly #localId: number
  readonly #registry: HandlerRegistry
  readonly #parts: () => BrokerParts
  #remote: BrokerChannel | undefined

  constructor(localId: number, registry: HandlerRegistry, parts: () => BrokerParts) {
    this.#localId = localId
    this.#registry = registry
    this.#parts = parts
  }

  /** Installs the channel to the other brokers (a cluster's inter-broker connections). */
  setRemote(remote: BrokerChannel): void {
    this.#remote = remote
  }

  async send<K extends ApiKeyNumber>(brokerId: number, key: K, request: RequestOf<K>): Promise<Input<ResponseOf<K>>> {
    if (brokerId !== this.#localId) {
      if (this.#remote === undefined) throw new SamsaError('SAMSA_NO_BROKER_CHANNEL', `broker ${brokerId} cannot be reached: no inter-broker channel`)
      return this.#remote.send(brokerId, key, request)
    }
    const h = this.#registry.get(key)
    if (h === undefined) throw new SamsaError('SAMSA_NO_BROKER_CHANNEL', `API ${key} is not served here`)
    const ctx = requestContext(this.#parts(), {
      // The broker's own request: authorized as Kafka authorizes its inter-broker principal.
      connection: {
        id: -1,
        remoteAddress: 'local',
        remotePort: 0,
        listenerName: 'internal',
        securityProtocol: 'PLAINTEXT',
        principal: BROKER_PRINCIPAL,
        sasl: null,
        internal: true,
        throttle: () => {},
      },
      apiKey: key,
      apiVersion: h.maxVersion,
      correlationId: 0,
      clientId: `broker-${this.#localId}`,
      apis: this.#registry,
      retainRequestBytes: () => () => {},
    })
    const res = await h.handle(ctx, request)
    if (res === NO_RESPONSE) throw new SamsaError('SAMSA_NO_BROKER_CHANNEL', `API ${key} sent no response`)
    return res as Input<ResponseOf<K>>
  }
}
