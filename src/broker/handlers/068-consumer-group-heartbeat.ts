// ConsumerGroupHeartbeat v0-1 (KIP-848): join, heartbeat, leave and reconcile with server-side
// assignment. v1 adds SubscribedTopicRegex; it is marked unstable in the 4.0 development
// definitions but is what clients with regex subscriptions send, so it is served.
import { AclOperation, authorize } from '../authorized-operations.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { clientHost } from '../../groups/offsets-topic.js'

export const consumerGroupHeartbeatHandler = defineHandler({
  key: ApiKey.ConsumerGroupHeartbeat,
  minVersion: 0,
  maxVersion: 1,
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, memberEpoch: -1 }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready, memberEpoch: -1 }
    const r = ctx.groups.consumer.heartbeat({
      groupId: req.groupId,
      memberId: req.memberId,
      memberEpoch: req.memberEpoch,
      instanceId: req.instanceId,
      rackId: req.rackId,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      subscribedTopicNames: req.subscribedTopicNames,
      subscribedTopicRegex: ctx.apiVersion >= 1 ? req.subscribedTopicRegex : null,
      serverAssignor: req.serverAssignor,
      topicPartitions: req.topicPartitions,
      clientId: ctx.clientId ?? '',
      clientHost: clientHost(ctx.connection.remoteAddress),
    })
    return { throttleTimeMs: 0, ...r }
  },
})
