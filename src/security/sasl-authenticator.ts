/**
 * One connection's SASL state, as Kafka's SaslServerAuthenticator: SaslHandshake chooses a
 * mechanism (v0: the tokens that follow are raw, size-prefixed; v1: they come in
 * SaslAuthenticate requests), the mechanism's exchange authenticates a principal, and with
 * `connections.max.reauth.ms` the session has a lifetime within which the client re-authenticates
 * (KIP-368) with the same mechanism and principal. A failure answers with Kafka's error after
 * `connection.failed.authentication.delay.ms`, and the connection closes after that answer. The
 * log line says who and which mechanism failed, never the credential.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { Logger } from '../logger.js'
import { userPrincipal, type KafkaPrincipal } from './principal.js'
import type { SaslServer, SaslServerFactory, SaslStep } from './sasl-mechanism.js'

export interface SaslListenerSetup {
  /** sasl.enabled.mechanisms, in order */
  readonly mechanisms: readonly string[]
  readonly servers: ReadonlyMap<string, SaslServerFactory>
  /** connections.max.reauth.ms (0: sessions never expire) */
  readonly reauthMs: number
  /** connection.failed.authentication.delay.ms */
  readonly failedAuthDelayMs: number
  /** sasl.server.max.receive.size: the largest frame before authentication */
  readonly maxReceiveSize: number
}

export interface HandshakeAnswer {
  errorCode: number
  mechanisms: string[]
}
export interface AuthenticateAnswer {
  errorCode: number
  errorMessage: string | null
  authBytes: Buffer
  sessionLifetimeMs: number
}

/** What the broker's SaslHandshake and SaslAuthenticate handlers see of a connection's authenticator. */
export interface SaslSession {
  handshake(version: number, mechanism: string): HandshakeAnswer
  authenticate(version: number, token: Buffer): Promise<AuthenticateAnswer>
}

type State = 'handshake' | 'authenticate' | 'authenticated' | 'reauth-authenticate' | 'failed'

export class SaslAuthenticator implements SaslSession {
  readonly #setup: SaslListenerSetup
  readonly #log: Logger
  #state: State = 'handshake'
  #server: SaslServer | undefined
  #mechanism = ''
  /** v0 handshake: the next frames are raw tokens, not Kafka requests */
  #raw = false
  #principal: KafkaPrincipal | undefined
  #expiresAt = Number.POSITIVE_INFINITY
  /** Set when the connection must close once its pending answers are written. */
  closeRequested = false

  constructor(setup: SaslListenerSetup, log: Logger) {
    this.#setup = setup
    this.#log = log
  }

  get maxReceiveSize(): number {
    return this.#setup.maxReceiveSize
  }

  get authenticated(): boolean {
    return this.#principal !== undefined && this.#state !== 'failed'
  }

  /** The authenticated principal (the first one; re-authentication cannot change it). */
  get principal(): KafkaPrincipal | undefined {
    return this.#principal
  }

  /** Frames are raw SASL tokens (after a SaslHandshake v0, until the exchange completes). */
  get expectsRawTokens(): boolean {
    return this.#raw && this.#state === 'authenticate'
  }

  /** Whether the session's lifetime is over (KIP-368): any request but a re-authentication closes the connection. */
  sessionExpired(now: number): boolean {
    return this.#principal !== undefined && now > this.#expiresAt
  }

  handshake(version: number, mechanism: string): HandshakeAnswer {
    const mechanisms = [...this.#setup.mechanisms]
    const reauth = this.#state === 'authenticated'
    if (reauth && (version < 1 || this.#setup.reauthMs <= 0)) {
      // An authenticated connection may only start again to re-authenticate (KafkaApis answers this way).
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms }
    }
    if (this.#state !== 'handshake' && !reauth) {
      this.#fail(`unexpected SaslHandshake in state ${this.#state}`)
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms }
    }
    const factory = this.#setup.servers.get(mechanism)
    if (factory === undefined || (reauth && mechanism !== this.#mechanism)) {
      this.#fail(reauth ? `re-authentication must use ${this.#mechanism}, not ${mechanism}` : `unsupported SASL mechanism ${mechanism}`)
      return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms }
    }
    this.#server = factory()
    this.#mechanism = mechanism
    this.#raw = version === 0
    this.#state = reauth ? 'reauth-authenticate' : 'authenticate'
    return { errorCode: ErrorCode.NONE, mechanisms }
  }

  async authenticate(version: number, token: Buffer): Promise<AuthenticateAnswer> {
    if ((this.#state !== 'authenticate' && this.#state !== 'reauth-authenticate') || this.#raw) {
      if (this.#state === 'authenticated') {
        return {
          errorCode: ErrorCode.ILLEGAL_SASL_STATE,
          errorMessage: 'SaslAuthenticate request received after successful authentication',
          authBytes: Buffer.alloc(0),
          sessionLifetimeMs: 0,
        }
      }
      this.#fail(`unexpected SaslAuthenticate in state ${this.#state}`)
      return {
        errorCode: ErrorCode.ILLEGAL_SASL_STATE,
        errorMessage: `Unexpected SaslAuthenticate request with state ${this.#state}`,
        authBytes: Buffer.alloc(0),
        sessionLifetimeMs: 0,
      }
    }
    const step = await this.#evaluate(token)
    if (step.kind === 'fail') {
      await this.#delay()
      return { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: step.message, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 }
    }
    const lifetime = step.kind === 'done' && version >= 1 ? this.#sessionLifetime(step) : 0
    return { errorCode: ErrorCode.NONE, errorMessage: null, authBytes: step.bytes, sessionLifetimeMs: lifetime }
  }

  /** A raw token after a v0 handshake: the bytes to send back, or null when the connection must close. */
  async rawToken(token: Buffer): Promise<Buffer | null> {
    const step = await this.#evaluate(token)
    if (step.kind === 'fail') {
      await this.#delay()
      return null
    }
    if (step.kind === 'done') this.#raw = false
    return step.bytes
  }

  async #evaluate(token: Buffer): Promise<SaslStep> {
    let step: SaslStep
    try {
      step = await this.#server!.evaluate(token)
    } catch (err) {
      this.#log.error({ err, mechanism: this.#mechanism }, 'SASL mechanism failed')
      step = { kind: 'fail', message: 'Authentication failed: internal error' }
    }
    if (step.kind === 'fail') {
      this.#fail(step.message)
      return step
    }
    if (step.kind === 'done') {
      const principal = userPrincipal(step.authorizationId)
      const reauth = this.#state === 'reauth-authenticate'
      if (reauth && this.#principal !== undefined && this.#principal.name !== principal.name) {
        const message = `Cannot change principals during re-authentication from User:${this.#principal.name} to User:${principal.name}`
        this.#fail(message)
        return { kind: 'fail', message }
      }
      this.#principal = principal
      this.#state = 'authenticated'
      this.#server = undefined
      this.#log.debug({ principal: `User:${principal.name}`, mechanism: this.#mechanism, reauthentication: reauth }, 'authenticated')
      this.#expiresAt = Number.POSITIVE_INFINITY
      if (this.#setup.reauthMs > 0) {
        this.#expiresAt = Math.min(Date.now() + this.#setup.reauthMs, step.expiresAt ?? Number.POSITIVE_INFINITY)
      }
    }
    return step
  }

  #sessionLifetime(step: Extract<SaslStep, { kind: 'done' }>): number {
    if (this.#setup.reauthMs <= 0) return 0
    const now = Date.now()
    return Math.max(1, Math.min(this.#setup.reauthMs, (step.expiresAt ?? Number.POSITIVE_INFINITY) - now))
  }

  #fail(reason: string): void {
    const user = this.#server?.claimedUser ?? this.#principal?.name
    this.#state = 'failed'
    this.#server = undefined
    this.closeRequested = true
    // Kafka logs failed authentication at INFO, naming who tried; the reason never holds the secret.
    this.#log.info({ principal: user === undefined ? undefined : `User:${user}`, mechanism: this.#mechanism || undefined, reason }, 'failed authentication')
  }

  #delay(): Promise<void> {
    const ms = this.#setup.failedAuthDelayMs
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
  }
}
