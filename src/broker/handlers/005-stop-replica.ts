// StopReplica v0-4 (ZooKeeper mode, from the controller): stop hosting these partitions, and
// delete those marked for deletion (their topic is being deleted).
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { decodeStopReplica, encodeStopReplicaResponse } from '../../controller/wire.js'

export const stopReplicaHandler = defineHandler({
  key: ApiKey.StopReplica,
  minVersion: 0,
  maxVersion: 4,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode }),
  async handle(ctx, req) {
    // Only brokers (the controller) send this: CLUSTER_ACTION on the cluster, as KafkaApis checks.
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) return { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED }
    return encodeStopReplicaResponse(await ctx.controlPlane.stopReplica(decodeStopReplica(req, ctx.apiVersion)))
  },
})
