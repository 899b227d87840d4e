/**
 * What each listener's security protocol needs, built once at start from Kafka's configs:
 * PLAINTEXT nothing; SSL a TLS context; SASL_PLAINTEXT the SASL mechanisms; SASL_SSL both.
 * Settings are looked up as Kafka does for a listener: `listener.name.<listener>.<config>` first
 * (the listener name in lower case), then `<config>`; a mechanism's JAAS config only as
 * `listener.name.<listener>.<mechanism>.sasl.jaas.config`. Anything that cannot be set up (an
 * unknown protocol, a missing keystore, a wrong key password, GSSAPI, a mechanism without its
 * login module) stops the broker with a ListenerSecurityError naming the listener.
 */
import { SamsaError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { EntityConfigs } from './entity-configs.js'
import { OAUTHBEARER_LOGIN_MODULE, PLAIN_LOGIN_MODULE, parseJaasConfig, type JaasModule } from '../config/jaas.js'
import { JwksFile, OAUTHBEARER, OAuthBearerSaslServer } from './oauthbearer.js'
import { PLAIN, PlainSaslServer, plainUsers } from './plain.js'
import type { SaslListenerSetup } from './sasl-authenticator.js'
import type { SaslServerFactory } from './sasl-mechanism.js'
import { SCRAM_MECHANISMS, ScramSaslServer } from './scram.js'
import { TlsServerContext, type ClientAuth } from './tls.js'

const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number]

/** A config's value as Kafka's config maps hold it (a string), or undefined/null when unset. */
export type ConfigLookup = (name: string) => string | null | undefined

export interface ListenerSecurity {
  readonly listenerName: string
  readonly protocol: SecurityProtocol
  readonly tls: TlsServerContext | null
  readonly sasl: SaslListenerSetup | null
}

export class ListenerSecurityError extends SamsaError {
  readonly listener: string

  constructor(listener: string, message: string, options?: { cause?: unknown }) {
    super('SAMSA_LISTENER_SECURITY', `listener ${listener}: ${message}`, options)
    this.listener = listener
  }
}

const SUPPORTED_MECHANISMS = [PLAIN, ...SCRAM_MECHANISMS.map((m) => m.name), OAUTHBEARER]

export interface ListenerSecurityDeps {
  entityConfigs: EntityConfigs
  log: Logger
}

/** Kafka's defaults for the settings read here. */
const DEFAULTS: Record<string, string> = {
  'ssl.keystore.type': 'JKS',
  'ssl.truststore.type': 'JKS',
  'ssl.client.auth': 'none',
  'ssl.principal.mapping.rules': 'DEFAULT',
  'ssl.enabled.protocols': 'TLSv1.2,TLSv1.3',
  'sasl.enabled.mechanisms': 'GSSAPI',
  'connections.max.reauth.ms': '0',
  'connection.failed.authentication.delay.ms': '100',
  'sasl.server.max.receive.size': '524288',
  'sasl.oauthbearer.sub.claim.name': 'sub',
  'sasl.oauthbearer.clock.skew.seconds': '30',
}

export function listenerSecurity(listener: { name: string; securityProtocol: string }, lookup: ConfigLookup, deps: ListenerSecurityDeps): ListenerSecurity {
  const name = listener.name
  const protocol = listener.securityProtocol.toUpperCase()
  if (!(SECURITY_PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new ListenerSecurityError(
      name,
      `unknown security protocol ${listener.securityProtocol} (listener.security.protocol.map); use one of ${SECURITY_PROTOCOLS.join(', ')}`,
    )
  }
  const prefix = `listener.name.${name.toLowerCase()}.`
  // The listener's setting, else the broker's, else Kafka's default.
  const get = (config: string): string | null => {
    const v = lookup(prefix + config) ?? lookup(config)
    if (v !== undefined && v !== null && v !== '') return v
    return DEFAULTS[config] ?? null
  }
  const p = protocol as SecurityProtocol
  let tls: TlsServerContext | null = null
  if (p === 'SSL' || p === 'SASL_SSL') {
    const clientAuth = (get('ssl.client.auth') ?? 'none').toLowerCase()
    if (clientAuth !== 'none' && clientAuth !== 'requested' && clientAuth !== 'required') {
      throw new ListenerSecurityError(name, `ssl.client.auth must be none, requested or required, not ${clientAuth}`)
    }
    try {
      tls = new TlsServerContext(
        {
          keystoreType: get('ssl.keystore.type')!,
          keystoreLocation: get('ssl.keystore.location'),
          keystorePassword: get('ssl.keystore.password'),
          keyPassword: get('ssl.key.password'),
          keystoreCertificateChain: get('ssl.keystore.certificate.chain'),
          keystoreKey: get('ssl.keystore.key'),
          truststoreType: get('ssl.truststore.type')!,
          truststoreLocation: get('ssl.truststore.location'),
          truststoreCertificates: get('ssl.truststore.certificates'),
          clientAuth: clientAuth as ClientAuth,
          principalMappingRules: get('ssl.principal.mapping.rules')!,
          enabledProtocols: get('ssl.enabled.protocols')!
            .split(',')
            .map((s) => s.trim()),
        },
        deps.log.child({ listener: name }),
      )
    } catch (err) {
      throw new ListenerSecurityError(name, (err as Error).message, { cause: err })
    }
  }
  let sasl: SaslListenerSetup | null = null
  if (p === 'SASL_PLAINTEXT' || p === 'SASL_SSL') sasl = saslSetup(name, prefix, get, lookup, deps)
  return { listenerName: name, protocol: p, tls, sasl }
}

function intSetting(listener: string, config: string, v: string | null): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new ListenerSecurityError(listener, `${config} must be a non-negative integer, not ${v}`)
  return n
}

function saslSetup(name: string, prefix: string, get: (c: string) => string | null, lookup: ConfigLookup, deps: ListenerSecurityDeps): SaslListenerSetup {
  const mechanisms = get('sasl.enabled.mechanisms')!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (mechanisms.length === 0) throw new ListenerSecurityError(name, 'sasl.enabled.mechanisms is empty')
  const servers = new Map<string, SaslServerFactory>()
  const jaas = (mechanism: string): JaasModule[] | undefined => {
    const text = lookup(`${prefix}${mechanism.toLowerCase()}.sasl.jaas.config`)
    if (text === undefined || text === null || text === '') return undefined
    try {
      return parseJaasConfig(text)
    } catch (err) {
      throw new ListenerSecurityError(name, `${prefix}${mechanism.toLowerCase()}.sasl.jaas.config: ${(err as Error).message}`, { cause: err })
    }
  }
  for (const mechanism of mechanisms) {
    if (mechanism === PLAIN) {
      const module = jaas(PLAIN)?.find((m) => m.loginModule === PLAIN_LOGIN_MODULE)
      if (module === undefined) {
        throw new ListenerSecurityError(
          name,
          `PLAIN needs its users: set ${prefix}plain.sasl.jaas.config to ${PLAIN_LOGIN_MODULE} required user_<name>="<password>";`,
        )
      }
      const users = plainUsers(module.options)
      servers.set(PLAIN, () => new PlainSaslServer(users))
      continue
    }
    const scram = SCRAM_MECHANISMS.find((m) => m.name === mechanism)
    if (scram !== undefined) {
      // Users' credentials are the broker's (AlterUserScramCredentials); the JAAS config, if any, holds the broker's own.
      servers.set(scram.name, () => new ScramSaslServer(scram, (user, mech) => deps.entityConfigs.scramCredential(user, mech)))
      continue
    }
    if (mechanism === OAUTHBEARER) {
      const module = jaas(OAUTHBEARER)?.find((m) => m.loginModule === OAUTHBEARER_LOGIN_MODULE)
      if (jaas(OAUTHBEARER) !== undefined && module === undefined) {
        throw new ListenerSecurityError(name, `${prefix}oauthbearer.sasl.jaas.config must name ${OAUTHBEARER_LOGIN_MODULE}`)
      }
      const url = get('sasl.oauthbearer.jwks.endpoint.url')
      if (url === null) {
        throw new ListenerSecurityError(
          name,
          'OAUTHBEARER needs the keys that sign tokens: set sasl.oauthbearer.jwks.endpoint.url to a JWKS file (file:///path/jwks.json); unsigned tokens are not accepted',
        )
      }
      if (/^https?:/i.test(url)) throw new ListenerSecurityError(name, `sasl.oauthbearer.jwks.endpoint.url ${url}: only file: URLs are supported`)
      let jwks: JwksFile
      try {
        jwks = new JwksFile(url)
      } catch (err) {
        throw new ListenerSecurityError(name, `sasl.oauthbearer.jwks.endpoint.url ${url}: ${(err as Error).message}`, { cause: err })
      }
      const audience = get('sasl.oauthbearer.expected.audience')
      const opts = {
        jwksUrl: url,
        expectedIssuer: get('sasl.oauthbearer.expected.issuer'),
        expectedAudience:
          audience === null
            ? null
            : audience
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== ''),
        subClaimName: get('sasl.oauthbearer.sub.claim.name')!,
        clockSkewSeconds: intSetting(name, 'sasl.oauthbearer.clock.skew.seconds', get('sasl.oauthbearer.clock.skew.seconds')),
      }
      servers.set(OAUTHBEARER, () => new OAuthBearerSaslServer(opts, jwks))
      continue
    }
    const hint = mechanism === 'GSSAPI' ? " (Kafka's default for sasl.enabled.mechanisms); set sasl.enabled.mechanisms" : ''
    throw new ListenerSecurityError(name, `SASL mechanism ${mechanism} is not supported${hint}; supported: ${SUPPORTED_MECHANISMS.join(', ')}`)
  }
  return {
    mechanisms,
    servers,
    reauthMs: intSetting(name, 'connections.max.reauth.ms', get('connections.max.reauth.ms')),
    failedAuthDelayMs: intSetting(name, 'connection.failed.authentication.delay.ms', get('connection.failed.authentication.delay.ms')),
    maxReceiveSize: intSetting(name, 'sasl.server.max.receive.size', get('sasl.server.max.receive.size')),
  }
}
