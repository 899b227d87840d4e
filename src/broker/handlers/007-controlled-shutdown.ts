// ControlledShutdown v0-3 (ZooKeeper mode, served by the controller): a stopping broker asks the
// controller to move leadership off it first; the answer lists the partitions it still leads
// (no other in-sync replica could take them). NOT_CONTROLLER elsewhere, as Kafka answers.
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const controlledShutdownHandler = defineHandler({
  key: ApiKey.ControlledShutdown,
  minVersion: 0,
  maxVersion: 3,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode, remainingPartitions: [] }),
  async handle(ctx, req) {
    // Only brokers (the controller) send this: CLUSTER_ACTION on the cluster, as KafkaApis checks.
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) return { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, remainingPartitions: [] }
    const controller = ctx.cluster.controller
    if (controller === null) return { errorCode: ErrorCode.NOT_CONTROLLER, remainingPartitions: [] }
    const r = await controller.controlledShutdown(req.brokerId, ctx.apiVersion >= 2 ? req.brokerEpoch : -1n)
    return { errorCode: r.errorCode, remainingPartitions: r.remaining.map((p) => ({ topicName: p.topic, partitionIndex: p.partition })) }
  },
})
