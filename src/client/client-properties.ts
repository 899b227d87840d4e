/**
 * Kafka's client security properties (the `--command-config client.properties` file of Kafka's
 * tools) as this client's TLS and SASL options: security.protocol, the ssl.* key and trust stores
 * (PEM files or inline PEM, PKCS12 key stores), ssl.endpoint.identification.algorithm, and
 * sasl.mechanism with the username and password of sasl.jaas.config (PlainLoginModule or
 * ScramLoginModule).
 */
import { readFileSync } from 'node:fs'
import type { ConnectionOptions as TlsOptions } from 'node:tls'
import { parseJaasConfig } from '../config/jaas.js'
import { readPropertiesFile } from '../config/properties.js'
import { ClientError } from './errors.js'
import type { SaslOptions } from './sasl.js'

export interface ClientSecurity {
  tls?: TlsOptions
  sasl?: SaslOptions
}

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']

function invalid(where: string, message: string): ClientError {
  return new ClientError('SAMSA_CLIENT_INVALID', `${where}: ${message}`)
}

function read(where: string, path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (err) {
    throw invalid(where, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}

const isPem = (b: Buffer): boolean => b.subarray(0, 4096).toString('latin1').includes('-----BEGIN ')

/** The security options of a properties map (`where` names it in errors). */
function clientSecurity(props: ReadonlyMap<string, string>, where = 'client properties'): ClientSecurity {
  const get = (k: string): string | undefined => {
    const v = props.get(k)?.trim()
    return v === undefined || v === '' ? undefined : v
  }
  const protocol = (get('security.protocol') ?? 'PLAINTEXT').toUpperCase()
  if (!PROTOCOLS.includes(protocol)) throw invalid(where, `security.protocol ${protocol} is not one of ${PROTOCOLS.join(', ')}`)
  const out: ClientSecurity = {}
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    const tls: TlsOptions = {}
    const trusted =
      get('ssl.truststore.certificates') ??
      (get('ssl.truststore.location') === undefined ? undefined : read(where, get('ssl.truststore.location')!).toString('utf8'))
    if (trusted !== undefined) {
      if (!trusted.includes('-----BEGIN CERTIFICATE-----')) throw invalid(where, 'the trust store must be PEM (ssl.truststore.type=PEM)')
      tls.ca = trusted
    }
    const chain = get('ssl.keystore.certificate.chain')
    const key = get('ssl.keystore.key')
    if (chain !== undefined || key !== undefined) {
      if (chain === undefined || key === undefined) throw invalid(where, 'ssl.keystore.certificate.chain and ssl.keystore.key go together')
      tls.cert = chain
      tls.key = key
      tls.passphrase = get('ssl.key.password')
    } else if (get('ssl.keystore.location') !== undefined) {
      const bytes = read(where, get('ssl.keystore.location')!)
      if (isPem(bytes)) {
        tls.cert = bytes
        tls.key = bytes
        tls.passphrase = get('ssl.key.password')
      } else {
        tls.pfx = bytes
        tls.passphrase = get('ssl.keystore.password')
      }
    }
    // Kafka's default is https (host name verification); an empty value turns it off.
    if (props.has('ssl.endpoint.identification.algorithm') && get('ssl.endpoint.identification.algorithm') === undefined) {
      tls.checkServerIdentity = () => undefined
    }
    out.tls = tls
  }
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    const mechanism = (get('sasl.mechanism') ?? 'GSSAPI').toUpperCase()
    if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512') {
      throw invalid(where, `sasl.mechanism ${mechanism} is not supported by samsa's tools (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)`)
    }
    const jaas = get('sasl.jaas.config')
    if (jaas === undefined) throw invalid(where, `sasl.jaas.config is needed for ${mechanism} (username="..." password="...")`)
    let username: string | undefined
    let password: string | undefined
    try {
      const options = parseJaasConfig(jaas)[0]!.options
      username = options.get('username')
      password = options.get('password')
    } catch (err) {
      throw invalid(where, `sasl.jaas.config: ${(err as Error).message}`)
    }
    if (username === undefined || password === undefined) throw invalid(where, 'sasl.jaas.config needs username="..." and password="..."')
    out.sasl = { mechanism, username, password }
  }
  return out
}

/** Reads a client properties file (`--command-config`). */
export function readClientSecurity(path: string): ClientSecurity {
  let props: Map<string, string>
  try {
    props = readPropertiesFile(path)
  } catch (err) {
    throw invalid(path, (err as Error).message)
  }
  return clientSecurity(props, path)
}
