/**
 * SASL/PLAIN (RFC 4616) as Kafka's PlainSaslServer: `[authzid] NUL authcid NUL passwd`, checked
 * against the users of the listener's PlainLoginModule (`user_<name>="<password>"`). An authzid
 * other than the user name is refused. Passwords are compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { EMPTY, type SaslServer, type SaslStep } from './sasl-mechanism.js'

export const PLAIN = 'PLAIN'

/** Users and passwords from a PlainLoginModule's options (`user_alice` -> alice). */
export function plainUsers(options: ReadonlyMap<string, string>): Map<string, string> {
  const users = new Map<string, string>()
  for (const [k, v] of options) if (k.startsWith('user_') && k.length > 5) users.set(k.slice(5), v)
  return users
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

export class PlainSaslServer implements SaslServer {
  readonly mechanism = PLAIN
  readonly #users: ReadonlyMap<string, string>
  #done = false
  claimedUser: string | undefined

  constructor(users: ReadonlyMap<string, string>) {
    this.#users = users
  }

  evaluate(token: Buffer): SaslStep {
    if (this.#done) return { kind: 'fail', message: 'Authentication failed: PLAIN exchange already complete' }
    this.#done = true
    const parts = token.toString('utf8').split('\u0000')
    if (parts.length !== 3) return { kind: 'fail', message: 'Invalid SASL/PLAIN response: expected 3 tokens' }
    const [authzid, username, password] = parts as [string, string, string]
    if (username !== '') this.claimedUser = username
    if (username === '') return { kind: 'fail', message: 'Authentication failed: username not specified' }
    if (password === '') return { kind: 'fail', message: 'Authentication failed: password not specified' }
    if (authzid !== '' && authzid !== username) {
      return { kind: 'fail', message: 'Authentication failed: Client requested an authorization id that is different from username' }
    }
    const expected = this.#users.get(username)
    // Compare digests so neither the length nor the content of the password leaks through timing.
    const ok = expected !== undefined && timingSafeEqual(digest(expected), digest(password))
    if (!ok) return { kind: 'fail', message: 'Authentication failed: Invalid username or password' }
    return { kind: 'done', bytes: EMPTY, authorizationId: username }
  }
}
