/**
 * The client side of SASL, as Kafka's clients do it: SaslHandshake v1 names the mechanism, then
 * SaslAuthenticate carries the tokens. PLAIN (RFC 4616), SCRAM-SHA-256/512 (RFC 5802, 7677:
 * the server's signature is checked, so a broker that does not know the password cannot pass)
 * and OAUTHBEARER (RFC 7628) with a token the caller provides.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import { ClientError } from './errors.js'

export type SaslOptions =
  | { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string }
  | { mechanism: 'OAUTHBEARER'; token: () => string | Promise<string> }

/** One exchange: `next` gets the server's last bytes (empty at first) and returns the client's next, or null when done. */
export interface SaslClient {
  next(serverBytes: Buffer): Promise<Buffer | null>
}

export function saslClient(o: SaslOptions): SaslClient {
  switch (o.mechanism) {
    case 'PLAIN': {
      let sent = false
      return {
        async next() {
          if (sent) return null
          sent = true
          return Buffer.from(`\u0000${o.username}\u0000${o.password}`, 'utf8')
        },
      }
    }
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-512':
      return new ScramClient(o.mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512', o.username, o.password)
    case 'OAUTHBEARER': {
      let step = 0
      return {
        async next(server) {
          step++
          if (step === 1) return Buffer.from(`n,,\u0001auth=Bearer ${await o.token()}\u0001\u0001`, 'utf8')
          // The server sent an error challenge ({"status":...}): acknowledge it so it can fail the exchange.
          if (server.length > 0) return Buffer.from('\u0001', 'utf8')
          return null
        },
      }
    }
    default:
      throw new ClientError('SAMSA_CLIENT_INVALID', `unsupported SASL mechanism ${(o as { mechanism: string }).mechanism}`)
  }
}

const saslName = (s: string): string => s.replace(/=/g, '=3D').replace(/,/g, '=2C')

class ScramClient implements SaslClient {
  readonly #hash: 'sha256' | 'sha512'
  readonly #user: string
  readonly #password: string
  readonly #nonce = randomBytes(24).toString('base64url')
  #step = 0
  #serverSignature: Buffer | undefined

  constructor(hash: 'sha256' | 'sha512', user: string, password: string) {
    this.#hash = hash
    this.#user = user
    this.#password = password
  }

  #firstBare(): string {
    return `n=${saslName(this.#user)},r=${this.#nonce}`
  }

  async next(server: Buffer): Promise<Buffer | null> {
    this.#step++
    if (this.#step === 1) return Buffer.from(`n,,${this.#firstBare()}`, 'utf8')
    if (this.#step === 2) {
      const serverFirst = server.toString('utf8')
      const f = Object.fromEntries(serverFirst.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)]))
      const nonce = f.r ?? ''
      const iterations = Number(f.i)
      if (!nonce.startsWith(this.#nonce) || f.s === undefined || !Number.isInteger(iterations) || iterations <= 0) {
        throw new ClientError('SAMSA_CLIENT_AUTH', 'invalid SCRAM server first message')
      }
      const salted = pbkdf2Sync(
        Buffer.from(this.#password.normalize('NFKC'), 'utf8'),
        Buffer.from(f.s, 'base64'),
        iterations,
        this.#hash === 'sha256' ? 32 : 64,
        this.#hash,
      )
      const hmac = (key: Buffer, data: string): Buffer => createHmac(this.#hash, key).update(data).digest()
      const clientKey = hmac(salted, 'Client Key')
      const storedKey = createHash(this.#hash).update(clientKey).digest()
      const withoutProof = `c=biws,r=${nonce}`
      const authMessage = `${this.#firstBare()},${serverFirst},${withoutProof}`
      const signature = hmac(storedKey, authMessage)
      const proof = Buffer.alloc(clientKey.length)
      for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ signature[i]!
      this.#serverSignature = hmac(hmac(salted, 'Server Key'), authMessage)
      return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8')
    }
    if (this.#step === 3) {
      const v = /^v=([A-Za-z0-9+/=]+)/.exec(server.toString('utf8'))
      const got = v === null ? Buffer.alloc(0) : Buffer.from(v[1]!, 'base64')
      if (this.#serverSignature === undefined || got.length !== this.#serverSignature.length || !timingSafeEqual(got, this.#serverSignature)) {
        throw new ClientError('SAMSA_CLIENT_AUTH', "the broker's SCRAM signature is wrong: it does not know the password")
      }
      return null
    }
    return null
  }
}
