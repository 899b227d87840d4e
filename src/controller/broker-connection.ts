/**
 * Connections between brokers (the controller's channel now, replica fetchers later), made in one
 * place: which listener brokers reach each other on (Kafka's inter.broker.listener.name, else
 * the listener named after security.inter.broker.protocol) and how a connection is opened: over
 * TLS with the listener's trust store (and its key store as the broker's client certificate),
 * with SASL sasl.mechanism.inter.broker.protocol and the username and password of the listener's
 * JAAS config for that mechanism, as Kafka's brokers connect to each other.
 */
import { readFileSync } from 'node:fs'
import type { ConnectionOptions as TlsOptions } from 'node:tls'
import { Connection, type ConnectionOptions, type FramePool } from '../client/connection.js'
import type { BrokerConfig } from '../config/broker-config.js'
import { canonicalBrokerName, type BrokerConfigName } from '../config/broker-config-defs.js'
import { parseJaasConfig } from '../config/jaas.js'
import { SamsaError } from '../errors.js'
import type { LiveBroker } from './control.js'

/** How this broker authenticates to the others. */
export interface InterBrokerSecurity {
  tls?: TlsOptions
  sasl?: ConnectionOptions['sasl']
}

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

/**
 * The TLS and SASL this broker uses on the inter-broker listener, from that listener's settings
 * (`listener.name.<listener>.<setting>`, else `<setting>`); throws a SamsaError saying what is missing.
 */
export function interBrokerSecurity(config: BrokerConfig): InterBrokerSecurity {
  const listener = interBrokerListenerName(config)
  const protocol = config.values.listeners.find((l) => l.name === listener)?.securityProtocol ?? config.values.securityInterBrokerProtocol
  const prefix = `listener.name.${listener.toLowerCase()}.`
  const lookup = (name: string): string | undefined => {
    const key = canonicalBrokerName(name)
    const v = key === undefined ? config.layerValue('static', name) : config.get(key as BrokerConfigName)
    return v === null || v === undefined || v === '' ? undefined : Array.isArray(v) ? v.join(',') : String(v)
  }
  const get = (name: string): string | undefined => lookup(prefix + name) ?? lookup(name)
  const fail = (msg: string): SamsaError => new SamsaError('SAMSA_INTER_BROKER_SECURITY', `inter-broker listener ${listener}: ${msg}`)
  const out: InterBrokerSecurity = {}
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    const tls: TlsOptions = {}
    const truststore =
      get('ssl.truststore.certificates') ?? (get('ssl.truststore.location') === undefined ? undefined : readFileSync(get('ssl.truststore.location')!, 'utf8'))
    if (truststore !== undefined) tls.ca = truststore
    // The broker's own certificate, for listeners that ask for client certificates.
    const location = get('ssl.keystore.location')
    if (get('ssl.keystore.certificate.chain') !== undefined) {
      tls.cert = get('ssl.keystore.certificate.chain')
      tls.key = get('ssl.keystore.key')
      tls.passphrase = get('ssl.key.password')
    } else if (location !== undefined) {
      const bytes = readFileSync(location)
      if (bytes.subarray(0, 4096).toString('latin1').includes('-----BEGIN '))
        Object.assign(tls, { cert: bytes, key: bytes, passphrase: get('ssl.key.password') })
      else Object.assign(tls, { pfx: bytes, passphrase: get('ssl.keystore.password') })
    }
    out.tls = tls
  }
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    const mechanism = get('sasl.mechanism.inter.broker.protocol') ?? 'GSSAPI'
    if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512') {
      throw fail(`sasl.mechanism.inter.broker.protocol ${mechanism} is not supported between brokers (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)`)
    }
    const jaas = lookup(`${prefix}${mechanism.toLowerCase()}.sasl.jaas.config`)
    const options = jaas === undefined ? undefined : parseJaasConfig(jaas)[0]?.options
    const username = options?.get('username')
    const password = options?.get('password')
    if (username === undefined || password === undefined) {
      throw fail(`the broker's own credentials go in ${prefix}${mechanism.toLowerCase()}.sasl.jaas.config as username="..." password="..."`)
    }
    out.sasl = { mechanism, username, password }
  }
  return out
}

export type { FramePool }

export async function connectToBroker(
  ep: InterBrokerEndpoint,
  clientId: string,
  opts: { requestTimeoutMs?: number; security?: InterBrokerSecurity; framePool?: FramePool } = {},
): Promise<Connection> {
  const needsTls = ep.securityProtocol === 'SSL' || ep.securityProtocol === 'SASL_SSL'
  const needsSasl = ep.securityProtocol === 'SASL_PLAINTEXT' || ep.securityProtocol === 'SASL_SSL'
  if ((needsTls && opts.security?.tls === undefined) || (needsSasl && opts.security?.sasl === undefined)) {
    throw new SamsaError(
      'SAMSA_INTER_BROKER_PROTOCOL',
      `broker ${ep.brokerId}'s inter-broker listener ${ep.listener} uses ${ep.securityProtocol}, but this broker has no ${needsSasl ? 'SASL credentials' : 'TLS settings'} for it`,
    )
  }
  return Connection.connect({
    host: ep.host,
    port: ep.port,
    clientId,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
    ...(opts.framePool !== undefined ? { framePool: opts.framePool } : {}),
    ...(needsTls ? { tls: opts.security!.tls } : {}),
    ...(needsSasl ? { sasl: opts.security!.sasl } : {}),
  })
}
