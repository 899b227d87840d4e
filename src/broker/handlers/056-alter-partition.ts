// AlterPartition v0-3 (KIP-497, served by the controller): a leader proposes a new ISR for its
// partitions; the controller writes what it accepts, fenced by leader epoch and partition epoch,
// and answers with the state written. Topic ids from v2, ISR members with broker epochs in v3.
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ZERO_UUID } from '../../protocol/codec-support.js'

export const alterPartitionHandler = defineHandler({
  key: ApiKey.AlterPartition,
  minVersion: 0,
  maxVersion: 3,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode, topics: [] }),
  async handle(ctx, req) {
    // Only brokers (the controller) send this: CLUSTER_ACTION on the cluster, as KafkaApis checks.
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, topics: [] }
    const v = ctx.apiVersion
    const controller = ctx.cluster.controller
    if (controller === null) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_CONTROLLER, topics: [] }
    const names = new Map<string, string>()
    const partitions = req.topics.flatMap((t) => {
      const topic = v >= 2 ? (ctx.metadata.topicById(t.topicId)?.meta.name ?? '') : t.topicName
      if (v >= 2) names.set(topic, t.topicId)
      return t.partitions.map((p) => ({
        topic,
        partition: p.partitionIndex,
        leaderEpoch: p.leaderEpoch,
        newIsr: v >= 3 ? p.newIsrWithEpochs.map((b) => b.brokerId) : p.newIsr,
        partitionEpoch: p.partitionEpoch,
        leaderRecoveryState: v >= 1 ? p.leaderRecoveryState : 0,
      }))
    })
    const r = await controller.alterPartition({ brokerId: req.brokerId, brokerEpoch: req.brokerEpoch, partitions })
    const byTopic = new Map<string, typeof r.partitions>()
    for (const p of r.partitions) {
      const list = byTopic.get(p.topic) ?? []
      list.push(p)
      byTopic.set(p.topic, list)
    }
    return {
      throttleTimeMs: 0,
      errorCode: r.errorCode,
      topics: [...byTopic].map(([topic, ps]) => ({
        topicName: topic,
        topicId: names.get(topic) ?? ctx.metadata.topic(topic)?.meta.topicId ?? ZERO_UUID,
        partitions: ps.map((p) => ({
          partitionIndex: p.partition,
          errorCode: p.errorCode,
          leaderId: p.leaderId,
          leaderEpoch: p.leaderEpoch,
          isr: p.isr,
          leaderRecoveryState: p.leaderRecoveryState,
          partitionEpoch: p.partitionEpoch,
        })),
      })),
    }
  },
})
