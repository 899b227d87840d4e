// ApiVersions v0-4. The ranges come from the handler registry. An unsupported version is
// answered in the v0 format by the connection itself (KIP-511), before this handler runs.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

const SOFTWARE_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/

export const apiVersionsHandler = defineHandler({
  key: ApiKey.ApiVersions,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    const apiKeys = ctx.apis.versions()
    if (ctx.apiVersion >= 3 && (!SOFTWARE_NAME.test(req.clientSoftwareName) || !SOFTWARE_NAME.test(req.clientSoftwareVersion))) {
      return { errorCode: ErrorCode.INVALID_REQUEST, apiKeys }
    }
    return { errorCode: ErrorCode.NONE, apiKeys, throttleTimeMs: 0 }
  },
})
