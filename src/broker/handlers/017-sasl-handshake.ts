// SaslHandshake v0-1: the client names its SASL mechanism. On a SASL listener the connection's
// authenticator answers (and a refused mechanism closes the connection after the answer); on
// other listeners, and once authenticated without re-authentication, ILLEGAL_SASL_STATE as
// KafkaApis.handleSaslHandshakeRequest answers.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const saslHandshakeHandler = defineHandler({
  key: ApiKey.SaslHandshake,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const sasl = ctx.connection.sasl
    if (sasl === null) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] }
    return sasl.handshake(ctx.apiVersion, req.mechanism)
  },
})
