// OffsetDelete v0 (KIP-496): deletes a group's committed offsets of topics it does not subscribe
// to (GROUP_SUBSCRIBED_TO_TOPIC otherwise).
import { AclOperation, authorize } from '../authorized-operations.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const offsetDeleteHandler = defineHandler({
  key: ApiKey.OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.DELETE, 'group', req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready }
    // Topics the principal may not read are answered TOPIC_AUTHORIZATION_FAILED per partition.
    const allowed = req.topics.filter((t) => authorize(ctx, AclOperation.READ, 'topic', t.name))
    const denied = req.topics.filter((t) => !allowed.includes(t))
    const r = ctx.groups.offsetManager.delete(
      req.groupId,
      allowed.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) })),
    )
    const deniedTopics = denied.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED })),
    }))
    return { throttleTimeMs: 0, errorCode: r.errorCode, topics: [...r.topics, ...deniedTopics] }
  },
})
