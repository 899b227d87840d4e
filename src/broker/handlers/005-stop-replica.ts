// StopReplica v0-4 (ZooKeeper mode, from the controller): stop hosting these partitions, and
// delete those marked for deletion (their topic is being deleted).
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { decodeStopReplica, encodeStopReplicaResponse } from '../../controller/wire.js'

export const stopReplicaHandler = defineHandler({
  key: ApiKey.StopReplica,
  minVersion: 0,
  maxVersion: 4,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode }),
  async handle(ctx, req) {
    return encodeStopReplicaResponse(await ctx.controlPlane.stopReplica(decodeStopReplica(req, ctx.apiVersion)))
  },
})
