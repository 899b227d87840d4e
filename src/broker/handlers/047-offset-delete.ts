// OffsetDelete v0 (KIP-496): deletes a group's committed offsets of topics it does not subscribe
// to (GROUP_SUBSCRIBED_TO_TOPIC otherwise).
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const offsetDeleteHandler = defineHandler({
  key: ApiKey.OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  async handle(ctx, req) {
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready }
    const r = ctx.groups.offsetManager.delete(req.groupId, req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) })))
    return { throttleTimeMs: 0, errorCode: r.errorCode, topics: r.topics }
  },
})
