/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) as Kafka's ScramSaslServer and
 * ScramFormatter: credentials are stored as salt, StoredKey, ServerKey and iterations (never the
 * password), in ScramCredentialUtils' text form `salt=...,stored_key=...,server_key=...,iterations=N`.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SaslServer, SaslStep } from './sasl-mechanism.js'

export interface ScramMechanismInfo {
  /** SASL name */
  name: 'SCRAM-SHA-256' | 'SCRAM-SHA-512'
  /** Kafka's ScramMechanism type code (AlterUserScramCredentials) */
  type: 1 | 2
  hash: 'sha256' | 'sha512'
  /** ScramMechanism.minIterations */
  minIterations: number
}

export const SCRAM_MECHANISMS: readonly ScramMechanismInfo[] = [
  { name: 'SCRAM-SHA-256', type: 1, hash: 'sha256', minIterations: 4096 },
  { name: 'SCRAM-SHA-512', type: 2, hash: 'sha512', minIterations: 4096 },
]
/** Kafka refuses more iterations than this (AlterUserScramCredentials). */
export const MAX_ITERATIONS = 16384

export function scramMechanism(nameOrType: string | number): ScramMechanismInfo | undefined {
  return SCRAM_MECHANISMS.find((m) => m.name === nameOrType || m.type === nameOrType)
}

export interface ScramCredential {
  salt: Buffer
  storedKey: Buffer
  serverKey: Buffer
  iterations: number
}

const hmac = (hash: string, key: Buffer, data: string | Buffer): Buffer => createHmac(hash, key).update(data).digest()
const h = (hash: string, data: Buffer): Buffer => createHash(hash).update(data).digest()

/** Hi() of RFC 5802: PBKDF2 with the mechanism's HMAC. */
export function saltedPassword(m: ScramMechanismInfo, password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, iterations, m.hash === 'sha256' ? 32 : 64, m.hash)
}

/** The stored form of a salted password (what AlterUserScramCredentials sends). */
export function credentialFromSaltedPassword(m: ScramMechanismInfo, salted: Buffer, salt: Buffer, iterations: number): ScramCredential {
  const clientKey = hmac(m.hash, salted, 'Client Key')
  return { salt, storedKey: h(m.hash, clientKey), serverKey: hmac(m.hash, salted, 'Server Key'), iterations }
}

export function newCredential(m: ScramMechanismInfo, password: string, iterations = 4096): ScramCredential {
  const salt = randomBytes(32)
  return credentialFromSaltedPassword(m, saltedPassword(m, password, salt, iterations), salt, iterations)
}

export function credentialToString(c: ScramCredential): string {
  return `salt=${c.salt.toString('base64')},stored_key=${c.storedKey.toString('base64')},server_key=${c.serverKey.toString('base64')},iterations=${c.iterations}`
}

export function credentialFromString(s: string): ScramCredential | undefined {
  const fields = new Map<string, string>()
  for (const part of s.split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1))
  }
  const salt = fields.get('salt')
  const storedKey = fields.get('stored_key')
  const serverKey = fields.get('server_key')
  const iterations = Number(fields.get('iterations'))
  if (salt === undefined || storedKey === undefined || serverKey === undefined || !Number.isInteger(iterations) || iterations <= 0) return undefined
  return { salt: Buffer.from(salt, 'base64'), storedKey: Buffer.from(storedKey, 'base64'), serverKey: Buffer.from(serverKey, 'base64'), iterations }
}

/** A saslname (RFC 5802: `=2C` for ',' and `=3D` for '='), or undefined when malformed. */
function decodeSaslName(s: string): string | undefined {
  if (/=(?!2C|3D)/.test(s)) return undefined
  return s.replace(/=2C/g, ',').replace(/=3D/g, '=')
}

const PRINTABLE = /^[\x21-\x2b\x2d-\x7e]+$/
const CLIENT_FIRST = /^n,(?:a=([^,]*))?,(?:m=[^,]*,)?n=([^,]*),r=([^,]*)((?:,[A-Za-z]=[^,]*)*)$/
const CLIENT_FINAL = /^c=([A-Za-z0-9+/=]*),r=([^,]*)((?:,[A-Za-z]=[^,]*)*),p=([A-Za-z0-9+/=]+)$/

/** The credential of a user for a mechanism, or undefined (the store behind SCRAM). */
export type ScramCredentialLookup = (user: string, mechanism: ScramMechanismInfo['name']) => ScramCredential | undefined

export class ScramSaslServer implements SaslServer {
  readonly mechanism: string
  readonly #m: ScramMechanismInfo
  readonly #lookup: ScramCredentialLookup
  #state: 'first' | 'final' | 'done' = 'first'
  #user = ''
  #credential: ScramCredential | undefined
  #gs2Header = ''
  #clientFirstBare = ''
  #serverFirst = ''
  #nonce = ''
  claimedUser: string | undefined

  constructor(m: ScramMechanismInfo, lookup: ScramCredentialLookup) {
    this.mechanism = m.name
    this.#m = m
    this.#lookup = lookup
  }

  evaluate(token: Buffer): SaslStep {
    const text = token.toString('utf8')
    if (this.#state === 'first') return this.#first(text)
    if (this.#state === 'final') return this.#final(text)
    return { kind: 'fail', message: 'Authentication failed: SCRAM exchange already complete' }
  }

  #first(text: string): SaslStep {
    this.#state = 'done'
    const m = CLIENT_FIRST.exec(text)
    if (m === null) return { kind: 'fail', message: 'Invalid SCRAM client first message' }
    const authzid = m[1] === undefined ? undefined : decodeSaslName(m[1])
    const user = decodeSaslName(m[2]!)
    const clientNonce = m[3]!
    if (user === undefined || user === '' || !PRINTABLE.test(clientNonce)) return { kind: 'fail', message: 'Invalid SCRAM client first message' }
    this.claimedUser = user
    // Delegation tokens (the tokenauth extension) are not supported.
    if (/(^|,)tokenauth=true/.test(m[4] ?? '')) return { kind: 'fail', message: 'Authentication failed: delegation tokens are not supported' }
    if (authzid !== undefined && authzid !== '' && authzid !== user) {
      return { kind: 'fail', message: 'Authentication failed: Client requested an authorization id that is different from username' }
    }
    const credential = this.#lookup(user, this.#m.name)
    if (credential === undefined) return { kind: 'fail', message: 'Authentication failed: Invalid user credentials' }
    if (credential.iterations < this.#m.minIterations)
      return { kind: 'fail', message: 'Iterations ' + credential.iterations + ' is less than the minimum ' + this.#m.minIterations + ' for ' + this.#m.name }
    this.#user = user
    this.#credential = credential
    this.#gs2Header = text.slice(0, text.indexOf(',', 2) + 1)
    this.#clientFirstBare = text.slice(this.#gs2Header.length)
    this.#nonce = clientNonce + randomBytes(18).toString('base64url')
    this.#serverFirst = `r=${this.#nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`
    this.#state = 'final'
    return { kind: 'challenge', bytes: Buffer.from(this.#serverFirst, 'utf8') }
  }

  #final(text: string): SaslStep {
    this.#state = 'done'
    const m = CLIENT_FINAL.exec(text)
    if (m === null) return { kind: 'fail', message: 'Invalid SCRAM client final message' }
    if (Buffer.from(m[1]!, 'base64').toString('utf8') !== this.#gs2Header) return { kind: 'fail', message: 'Authentication failed: Invalid channel binding' }
    // Kafka's ScramSaslServer checks that the nonce ends with the server's: librdkafka 2.0 sends
    // its own nonce again in front of the combined one, and Kafka accepts it.
    if (!m[2]!.endsWith(this.#nonce)) return { kind: 'fail', message: 'Invalid client nonce in the final client message.' }
    const c = this.#credential!
    const withoutProof = text.slice(0, text.lastIndexOf(',p='))
    const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`
    const proof = Buffer.from(m[4]!, 'base64')
    const clientSignature = hmac(this.#m.hash, c.storedKey, authMessage)
    if (proof.length !== clientSignature.length) return { kind: 'fail', message: 'Authentication failed: Invalid user credentials' }
    const clientKey = Buffer.alloc(proof.length)
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!
    if (!timingSafeEqual(h(this.#m.hash, clientKey), c.storedKey)) return { kind: 'fail', message: 'Authentication failed: Invalid user credentials' }
    const serverSignature = hmac(this.#m.hash, c.serverKey, authMessage)
    return { kind: 'done', bytes: Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8'), authorizationId: this.#user }
  }
}
