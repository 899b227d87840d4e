/**
 * A listener's TLS (SSL and SASL_SSL) from Kafka's ssl.* configs: the key and certificate chain
 * from a PEM keystore (`ssl.keystore.location`, or inline `ssl.keystore.certificate.chain` and
 * `ssl.keystore.key`) or a PKCS12 keystore; trusted CAs from a PEM truststore
 * (`ssl.truststore.location` or `ssl.truststore.certificates`); `ssl.client.auth` none,
 * requested or required. Keystore and truststore files are watched: when one changes (a rotated
 * certificate) the next connections get the new one, without a restart; a broken replacement is
 * logged and the previous one kept.
 */
import { readFileSync, statSync } from 'node:fs'
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls'
import { SamsaError } from '../errors.js'
import type { Logger } from '../logger.js'
import { SslPrincipalMapper } from './principal-mapper.js'

export type ClientAuth = 'none' | 'requested' | 'required'

/** The listener's ssl.* settings, already resolved for the listener (listener.name.<l>.ssl.* first). */
export interface TlsSettings {
  keystoreType: string
  keystoreLocation: string | null
  keystorePassword: string | null
  keyPassword: string | null
  keystoreCertificateChain: string | null
  keystoreKey: string | null
  /** PEM; other types are refused (node:tls reads no PKCS12 or JKS trust store) */
  truststoreType: string
  truststoreLocation: string | null
  truststoreCertificates: string | null
  clientAuth: ClientAuth
  principalMappingRules: string
  enabledProtocols: readonly string[]
}

class TlsConfigError extends SamsaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SAMSA_TLS_CONFIG', message, options)
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g

function pemBlocks(text: string): Array<{ label: string; pem: string }> {
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, pem: m[0] }))
}

function readFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path)
  } catch (err) {
    throw new TlsConfigError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err })
  }
}

const isJks = (b: Buffer): boolean => b.length >= 4 && b.readUInt32BE(0) === 0xfeedfeed
const isPem = (b: Buffer): boolean => b.subarray(0, 4096).toString('latin1').includes('-----BEGIN ')

/** node:tls options for the key, chain and CAs; throws a TlsConfigError saying what is wrong. */
function secureContextOptions(s: TlsSettings): SecureContextOptions {
  const o: SecureContextOptions = {}
  const type = s.keystoreType.toUpperCase()
  if (s.keystoreCertificateChain !== null || s.keystoreKey !== null) {
    if (s.keystoreCertificateChain === null || s.keystoreKey === null) {
      throw new TlsConfigError('ssl.keystore.certificate.chain and ssl.keystore.key must be set together')
    }
    if (s.keystoreLocation !== null)
      throw new TlsConfigError('ssl.keystore.location cannot be set together with ssl.keystore.certificate.chain and ssl.keystore.key')
    Object.assign(o, pemKeyAndChain(s.keystoreCertificateChain + '\n' + s.keystoreKey, s.keyPassword, 'ssl.keystore.certificate.chain/ssl.keystore.key'))
  } else if (s.keystoreLocation !== null) {
    const bytes = readFile(s.keystoreLocation, 'keystore (ssl.keystore.location)')
    // Java reads a PKCS12 file as keystore type JKS too (keystore.type.compat); a PEM file needs type PEM.
    if (isJks(bytes)) {
      throw new TlsConfigError(
        `keystore ${s.keystoreLocation} is a JKS keystore, which Samsa cannot read; convert it to PKCS12 (keytool -importkeystore -srckeystore ${s.keystoreLocation} -destkeystore keystore.p12 -deststoretype PKCS12) or PEM`,
      )
    }
    if (isPem(bytes)) {
      if (type !== 'PEM') throw new TlsConfigError(`keystore ${s.keystoreLocation} is a PEM file: set ssl.keystore.type=PEM`)
      Object.assign(o, pemKeyAndChain(bytes.toString('utf8'), s.keyPassword, s.keystoreLocation))
    } else {
      if (type === 'PEM') throw new TlsConfigError(`keystore ${s.keystoreLocation} is not a PEM file (ssl.keystore.type=PEM)`)
      o.pfx = bytes
      o.passphrase = s.keystorePassword ?? undefined
    }
  } else {
    throw new TlsConfigError('no key: set ssl.keystore.location (PEM or PKCS12), or ssl.keystore.certificate.chain and ssl.keystore.key')
  }
  if (s.truststoreCertificates !== null) {
    o.ca = certificates(s.truststoreCertificates, 'ssl.truststore.certificates')
  } else if (s.truststoreLocation !== null) {
    const bytes = readFile(s.truststoreLocation, 'truststore (ssl.truststore.location)')
    if (!isPem(bytes) || s.truststoreType.toUpperCase() !== 'PEM') {
      throw new TlsConfigError(
        `truststore ${s.truststoreLocation} (ssl.truststore.type=${s.truststoreType}) is not a PEM file; Samsa reads PEM truststores (ssl.truststore.type=PEM) (export the CA certificates with keytool -exportcert -rfc, or openssl pkcs12 -nokeys)`,
      )
    }
    o.ca = certificates(bytes.toString('utf8'), s.truststoreLocation)
  } else if (s.clientAuth !== 'none') {
    throw new TlsConfigError(
      `ssl.client.auth=${s.clientAuth} needs a truststore (ssl.truststore.location or ssl.truststore.certificates) to check client certificates`,
    )
  }
  const protocols = s.enabledProtocols.filter((p) => p === 'TLSv1.2' || p === 'TLSv1.3')
  if (protocols.length === 0) throw new TlsConfigError(`ssl.enabled.protocols (${s.enabledProtocols.join(',')}) names neither TLSv1.2 nor TLSv1.3`)
  o.minVersion = protocols.includes('TLSv1.2') ? 'TLSv1.2' : 'TLSv1.3'
  o.maxVersion = protocols.includes('TLSv1.3') ? 'TLSv1.3' : 'TLSv1.2'
  // Fails here, at start, on a wrong password or a key that does not match its certificate.
  try {
    createSecureContext(o)
  } catch (err) {
    throw new TlsConfigError(`cannot use the key and certificates: ${(err as Error).message}`, { cause: err })
  }
  return o
}

function pemKeyAndChain(text: string, keyPassword: string | null, where: string): SecureContextOptions {
  const blocks = pemBlocks(text)
  const keys = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'))
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE')
  if (keys.length !== 1) throw new TlsConfigError(`${where} must hold exactly one private key, found ${keys.length}`)
  if (certs.length === 0) throw new TlsConfigError(`${where} holds no certificate`)
  return { key: keys[0]!.pem, cert: certs.map((c) => c.pem).join('\n'), passphrase: keyPassword ?? undefined }
}

function certificates(text: string, where: string): string[] {
  const certs = pemBlocks(text)
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => b.pem)
  if (certs.length === 0) throw new TlsConfigError(`${where} holds no certificate`)
  return certs
}

/** How often the keystore and truststore files are checked for a change, at most. */
const CHECK_EVERY_MS = 1000

/** A listener's TLS server side: the current SecureContext, rebuilt when its files change. */
export class TlsServerContext {
  readonly clientAuth: ClientAuth
  readonly principalMapper: SslPrincipalMapper
  readonly #settings: TlsSettings
  readonly #log: Logger
  readonly #files: string[]
  #context: SecureContext
  #stamps: string
  #checkedAt = 0

  constructor(settings: TlsSettings, log: Logger) {
    this.#settings = settings
    this.#log = log
    this.clientAuth = settings.clientAuth
    try {
      this.principalMapper = new SslPrincipalMapper(settings.principalMappingRules)
    } catch (err) {
      throw new TlsConfigError(`ssl.principal.mapping.rules: ${(err as Error).message}`, { cause: err })
    }
    this.#files = [settings.keystoreLocation, settings.truststoreLocation].filter((f): f is string => f !== null)
    this.#stamps = this.#stamp()
    this.#context = createSecureContext(secureContextOptions(settings))
  }

  #stamp(): string {
    return this.#files
      .map((f) => {
        try {
          const st = statSync(f)
          return `${st.mtimeMs}:${st.size}:${st.ino}`
        } catch {
          return 'missing'
        }
      })
      .join('|')
  }

  /** The context for a new connection (a changed keystore or truststore is loaded first). */
  get context(): SecureContext {
    const now = Date.now()
    if (this.#files.length > 0 && now - this.#checkedAt >= CHECK_EVERY_MS) {
      this.#checkedAt = now
      const stamps = this.#stamp()
      if (stamps !== this.#stamps) {
        this.#stamps = stamps
        try {
          this.#context = createSecureContext(secureContextOptions(this.#settings))
          this.#log.info({ files: this.#files }, 'reloaded the TLS keystore and truststore')
        } catch (err) {
          this.#log.error({ err: (err as Error).message, files: this.#files }, 'cannot reload the TLS keystore or truststore; keeping the previous ones')
        }
      }
    }
    return this.#context
  }
}
