/**
 * A SASL mechanism's server side, one instance per authentication exchange (Kafka's SaslServer).
 * `evaluate` takes the client's next token and says what to send back: a challenge (the
 * exchange goes on), the last bytes and the authenticated id (done), or a failure whose message
 * goes to the client in SaslAuthenticate's error_message. Messages never contain the secret.
 */
export type SaslStep =
  | { kind: 'challenge'; bytes: Buffer }
  | { kind: 'done'; bytes: Buffer; authorizationId: string /** ms since the epoch when the credential expires (OAUTHBEARER) */; expiresAt?: number }
  | { kind: 'fail'; message: string }

export interface SaslServer {
  readonly mechanism: string
  /** The user name the client claimed so far, for the log of a failure (never a secret). */
  readonly claimedUser?: string | undefined
  evaluate(token: Buffer): SaslStep | Promise<SaslStep>
}

export type SaslServerFactory = () => SaslServer

export const EMPTY = Buffer.alloc(0)
