// ListPartitionReassignments v0 (KIP-455): the ongoing reassignments as the controller keeps them
// (every replica, the adding and the removing ones), of the partitions asked for or all.
// DESCRIBE on the cluster, as KafkaApis checks; NOT_CONTROLLER on another broker. A single node
// never has one.
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const listPartitionReassignmentsHandler = defineHandler({
  key: ApiKey.ListPartitionReassignments,
  minVersion: 0,
  maxVersion: 0,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode, errorMessage: null, topics: [] }),
  async handle(ctx, req) {
    if (!authorizeCluster(ctx, AclOperation.DESCRIBE))
      return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: null, topics: [] }
    if (ctx.cluster.mode === 'single-node') return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, topics: [] }
    const controller = ctx.cluster.controller
    if (controller === null)
      return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_CONTROLLER, errorMessage: 'This is not the correct controller for this cluster.', topics: [] }
    const ongoing = await controller.listPartitionReassignments(
      req.topics === null ? null : req.topics.map((t) => ({ topic: t.name, partitions: t.partitionIndexes })),
    )
    const byTopic = new Map<string, Array<{ partitionIndex: number; replicas: number[]; addingReplicas: number[]; removingReplicas: number[] }>>()
    for (const r of ongoing) {
      let list = byTopic.get(r.topic)
      if (list === undefined) byTopic.set(r.topic, (list = []))
      list.push({ partitionIndex: r.partition, replicas: r.replicas, addingReplicas: r.adding, removingReplicas: r.removing })
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) }
  },
})
