// LeaveGroup v0-5 (classic protocol): one member before v3, a batch of members (by member id
// or group.instance.id) from v3 (KIP-345).
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'

export const leaveGroupHandler = defineHandler({
  key: ApiKey.LeaveGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const v = ctx.apiVersion
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready }
    const members =
      v >= 3 ? req.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId })) : [{ memberId: req.memberId, groupInstanceId: null }]
    const errors = ctx.groups.classic.leave(req.groupId, members)
    if (v < 3) return { throttleTimeMs: 0, errorCode: errors[0] ?? ErrorCode.NONE }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      members: members.map((m, i) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: errors[i]! })),
    }
  },
})
