// FindCoordinator v0-6. This broker coordinates every group and transaction; batched keys from
// v4 (KIP-699). The first group lookup creates __consumer_offsets, as Kafka does.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

const GROUP = 0
const TRANSACTION = 1

export const findCoordinatorHandler = defineHandler({
  key: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 6,
  async handle(ctx, req) {
    const v = ctx.apiVersion
    const keyType = v >= 1 ? req.keyType : GROUP
    let errorCode: number = ErrorCode.NONE
    let errorMessage: string | null = null
    if (keyType === GROUP) errorCode = await ctx.groups.whenReady()
    else if (keyType !== TRANSACTION) {
      errorCode = ErrorCode.INVALID_REQUEST
      errorMessage = `Unsupported key type ${keyType}`
    }
    const ep = ctx.metadata.endpointFor(ctx.connection.listenerName)
    const ok = errorCode === ErrorCode.NONE
    const node = { nodeId: ok ? ctx.metadata.nodeId : -1, host: ok ? ep.host : '', port: ok ? ep.port : -1, errorCode, errorMessage }
    if (v < 4) return { throttleTimeMs: 0, ...node }
    return { throttleTimeMs: 0, coordinators: req.coordinatorKeys.map((key) => ({ key, ...node })) }
  },
})
