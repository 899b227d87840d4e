// OffsetCommit v0-9: generation checks for classic groups, member epochs for KIP-848 groups
// (v9), standalone commits with generation -1, retention time in v2-4. Answered only after the
// records are in __consumer_offsets on every in-sync replica (Kafka's acks=all for coordinator
// writes, offsets.commit.timeout.ms).
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { OffsetCommitRequest } from '../../protocol/generated/offset-commit-request.js'
import type { OffsetCommitResponse } from '../../protocol/generated/offset-commit-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { awaitGroupWrite } from '../coordinator-log.js'

function errorResponse(req: OffsetCommitRequest, errorCode: number): Input<OffsetCommitResponse> {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  }
}

export const offsetCommitHandler = defineHandler({
  key: ApiKey.OffsetCommit,
  minVersion: 0,
  maxVersion: 9,
  errorResponse: (_ctx, req, code) => errorResponse(req, code),
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return errorResponse(req, ErrorCode.GROUP_AUTHORIZATION_FAILED)
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return errorResponse(req, ready)
    // Offsets of topics the principal may not read are refused per partition (KafkaApis.handleOffsetCommitRequest).
    const denied = req.topics.filter((t) => !authorize(ctx, AclOperation.READ, 'topic', t.name))
    const deniedTopics = errorResponse({ ...req, topics: denied }, ErrorCode.TOPIC_AUTHORIZATION_FAILED).topics ?? []
    if (denied.length > 0) req = { ...req, topics: req.topics.filter((t) => !denied.includes(t)) }
    const committed = ctx.groups.offsetManager.commit({
      groupId: req.groupId,
      generationIdOrMemberEpoch: req.generationIdOrMemberEpoch,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      retentionTimeMs: ctx.apiVersion >= 2 && ctx.apiVersion <= 4 ? req.retentionTimeMs : -1n,
      topics: req.topics,
      apiVersion: ctx.apiVersion,
    })
    const written = committed.flatMap((t) => t.partitions).filter((p) => p.errorCode === ErrorCode.NONE)
    if (written.length > 0) {
      const err = await awaitGroupWrite(ctx, req.groupId)
      for (const p of written) p.errorCode = err
    }
    return { throttleTimeMs: 0, topics: [...committed, ...deniedTopics] }
  },
})
