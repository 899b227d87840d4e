// SyncGroup v0-5 (classic protocol): the leader hands in the assignment, every member gets its
// own; protocol type and name checked from v5. Followers wait for the leader's request.
import { AclOperation, authorize } from '../authorized-operations.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const syncGroupHandler = defineHandler({
  key: ApiKey.SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready }
    const r = await ctx.groups.classic.sync({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      protocolType: req.protocolType,
      protocolName: req.protocolName,
      assignments: req.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
    })
    return { throttleTimeMs: 0, errorCode: r.errorCode, protocolType: r.protocolType, protocolName: r.protocolName, assignment: r.assignment }
  },
})
