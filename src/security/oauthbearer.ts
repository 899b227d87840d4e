/**
 * SASL/OAUTHBEARER (RFC 7628) as Kafka's OAuthBearerSaslServer with the JWT validation of its
 * OAuthBearerValidatorCallbackHandler: the token is a JWT signed by a key of a JWKS, read here
 * from a file (`sasl.oauthbearer.jwks.endpoint.url=file:///...`, re-read when it changes); the
 * issuer and audience are checked when configured, `exp` and the subject claim are required, and
 * the principal is the subject claim. An invalid token gets RFC 7628's error challenge
 * (`{"status":"invalid_token"}`), and the exchange fails once the client acknowledges it.
 * Unsigned tokens (alg "none") are never accepted.
 */
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose'
import { EMPTY, type SaslServer, type SaslStep } from './sasl-mechanism.js'

export const OAUTHBEARER = 'OAUTHBEARER'

export interface OAuthBearerOptions {
  /** a file: URL or path of the JWKS */
  jwksUrl: string
  expectedIssuer?: string | null
  expectedAudience?: readonly string[] | null
  subClaimName: string
  clockSkewSeconds: number
}

/** The JWKS of a file, re-read when its modification time changes. */
export class JwksFile {
  readonly path: string
  #mtimeMs = -1
  #keys: JWTVerifyGetKey | undefined

  constructor(url: string) {
    this.path = url.startsWith('file:') ? fileURLToPath(url) : url
    this.keys() // fails at start when the file is missing or not a JWKS
  }

  keys(): JWTVerifyGetKey {
    const mtime = statSync(this.path).mtimeMs
    if (this.#keys === undefined || mtime !== this.#mtimeMs) {
      const jwks = JSON.parse(readFileSync(this.path, 'utf8')) as JSONWebKeySet
      if (!Array.isArray(jwks.keys)) throw new Error(`${this.path} is not a JWKS (no "keys" array)`)
      this.#keys = createLocalJWKSet(jwks)
      this.#mtimeMs = mtime
    }
    return this.#keys
  }
}

const KVSEP = '\u0001'
const ERROR_CHALLENGE = Buffer.from(JSON.stringify({ status: 'invalid_token' }), 'utf8')

export class OAuthBearerSaslServer implements SaslServer {
  readonly mechanism = OAUTHBEARER
  readonly #opts: OAuthBearerOptions
  readonly #jwks: JwksFile
  #state: 'initial' | 'error-sent' | 'done' = 'initial'
  #error = ''

  constructor(opts: OAuthBearerOptions, jwks: JwksFile) {
    this.#opts = opts
    this.#jwks = jwks
  }

  async evaluate(token: Buffer): Promise<SaslStep> {
    if (this.#state === 'error-sent') {
      this.#state = 'done'
      return { kind: 'fail', message: this.#error }
    }
    if (this.#state === 'done') return { kind: 'fail', message: 'Authentication failed: OAUTHBEARER exchange already complete' }
    const text = token.toString('utf8')
    // gs2-header kvsep *(key=value kvsep) kvsep
    const m = /^n,(?:a=([^,]*))?,\u0001(.*)\u0001$/s.exec(text)
    if (m === null) return this.#failNow('Invalid OAUTHBEARER client first message')
    const fields = new Map<string, string>()
    for (const kv of m[2]!.split(KVSEP)) {
      if (kv === '') continue
      const eq = kv.indexOf('=')
      if (eq <= 0) return this.#failNow('Invalid OAUTHBEARER client first message')
      fields.set(kv.slice(0, eq), kv.slice(eq + 1))
    }
    const auth = /^Bearer (\S+)$/i.exec(fields.get('auth') ?? '')
    if (auth === null) return this.#failNow('Invalid OAUTHBEARER client first message: no auth=Bearer <token>')
    const o = this.#opts
    try {
      const { payload } = await jwtVerify(auth[1]!, this.#jwks.keys(), {
        issuer: o.expectedIssuer ?? undefined,
        audience: o.expectedAudience !== null && o.expectedAudience !== undefined && o.expectedAudience.length > 0 ? [...o.expectedAudience] : undefined,
        clockTolerance: o.clockSkewSeconds,
        requiredClaims: ['exp', o.subClaimName],
      })
      const sub = payload[o.subClaimName]
      if (typeof sub !== 'string' || sub === '') return this.#challengeError(`the token has no ${o.subClaimName} claim`)
      const authzid = m[1]
      if (authzid !== undefined && authzid !== '' && authzid !== sub) {
        return this.#failNow('Authentication failed: Client requested an authorization id that is different from the token subject')
      }
      this.#state = 'done'
      return { kind: 'done', bytes: EMPTY, authorizationId: sub, expiresAt: (payload.exp as number) * 1000 }
    } catch (err) {
      // jose's messages name the failed check ("\"exp\" claim timestamp check failed"), never the token.
      return this.#challengeError((err as Error).message)
    }
  }

  #failNow(message: string): SaslStep {
    this.#state = 'done'
    return { kind: 'fail', message }
  }

  #challengeError(reason: string): SaslStep {
    this.#state = 'error-sent'
    this.#error = `Authentication failed: invalid token: ${reason}`
    return { kind: 'challenge', bytes: ERROR_CHALLENGE }
  }
}
