// SaslAuthenticate v0-2: one step of the SASL exchange after a SaslHandshake v1; v1+ tell the
// client its session lifetime (KIP-368). A failure answers SASL_AUTHENTICATION_FAILED after
// connection.failed.authentication.delay.ms and the connection closes.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const saslAuthenticateHandler = defineHandler({
  key: ApiKey.SaslAuthenticate,
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req) {
    const sasl = ctx.connection.sasl
    if (sasl === null) {
      return {
        errorCode: ErrorCode.ILLEGAL_SASL_STATE,
        errorMessage: 'SaslAuthenticate request received after successful authentication',
        authBytes: Buffer.alloc(0),
        sessionLifetimeMs: 0n,
      }
    }
    const a = await sasl.authenticate(ctx.apiVersion, req.authBytes)
    return { errorCode: a.errorCode, errorMessage: a.errorMessage, authBytes: a.authBytes, sessionLifetimeMs: BigInt(Math.floor(a.sessionLifetimeMs)) }
  },
})
