// Heartbeat v0-4 (classic protocol): keeps a member's session alive and tells it to rejoin
// (REBALANCE_IN_PROGRESS) while the group prepares a rebalance.
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const heartbeatHandler = defineHandler({
  key: ApiKey.Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready }
    const errorCode = ctx.groups.classic.heartbeat(req.groupId, req.generationId, req.memberId, req.groupInstanceId)
    return { throttleTimeMs: 0, errorCode }
  },
})
