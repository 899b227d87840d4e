/**
 * Connections between brokers (the controller's channel now, replica fetchers later), made in one
 * place: which listener brokers reach each other on (Kafka's inter.broker.listener.name, else
 * the listener named after security.inter.broker.protocol) and how a connection is opened.
 * Plaintext only for now; TLS and SASL plug in here.
 */
import { Connection } from '../client/connection.js'
import type { BrokerConfig } from '../config/broker-config.js'
import { SamsaError } from '../errors.js'
import type { LiveBroker } from './control.js'

/** A connection to another broker (Samsa's client connection: versions negotiated, requests pipelined). */
export type BrokerConnection = Connection

export interface InterBrokerEndpoint {
  brokerId: number
  listener: string
  host: string
  port: number
  securityProtocol: string
}

/** The listener name brokers use between them. */
export function interBrokerListenerName(config: BrokerConfig): string {
  const v = config.values
  return v.interBrokerListenerName !== null && v.interBrokerListenerName !== '' ? v.interBrokerListenerName : v.securityInterBrokerProtocol
}

/** Where to reach `broker` on the inter-broker listener; undefined when it has none. */
export function interBrokerEndpoint(broker: LiveBroker, listener: string): InterBrokerEndpoint | undefined {
  const ep = broker.endpoints.find((e) => e.listener === listener)
  return ep === undefined ? undefined : { brokerId: broker.id, listener, host: ep.host, port: ep.port, securityProtocol: ep.securityProtocol }
}

export async function connectToBroker(ep: InterBrokerEndpoint, clientId: string, opts: { requestTimeoutMs?: number } = {}): Promise<Connection> {
  if (ep.securityProtocol !== 'PLAINTEXT') {
    throw new SamsaError('SAMSA_INTER_BROKER_PROTOCOL', `broker ${ep.brokerId}'s inter-broker listener ${ep.listener} uses ${ep.securityProtocol}, which Samsa does not speak between brokers yet`)
  }
  return Connection.connect({ host: ep.host, port: ep.port, clientId, connectTimeoutMs: 10_000, requestTimeoutMs: opts.requestTimeoutMs ?? 30_000 })
}
