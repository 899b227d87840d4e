// LeaderAndIsr v0-7 (ZooKeeper mode, from the controller): lead or follow these partitions.
// Decoded into the ControlPlane's event, which refuses a deposed controller's request
// (STALE_CONTROLLER_EPOCH) and one for an earlier registration (STALE_BROKER_EPOCH).
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { decodeLeaderAndIsr, encodeLeaderAndIsrResponse } from '../../controller/wire.js'

export const leaderAndIsrHandler = defineHandler({
  key: ApiKey.LeaderAndIsr,
  minVersion: 0,
  maxVersion: 7,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode }),
  async handle(ctx, req) {
    // Only brokers (the controller) send this: CLUSTER_ACTION on the cluster, as KafkaApis checks.
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) return { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED }
    const event = decodeLeaderAndIsr(req, ctx.apiVersion)
    const topicIds = new Map(event.partitions.map((p) => [p.topic, p.topicId]))
    return encodeLeaderAndIsrResponse(await ctx.controlPlane.leaderAndIsr(event), ctx.apiVersion, topicIds)
  },
})
