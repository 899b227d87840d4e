// DescribeGroups v0-5: state, protocol and members of classic groups; members' metadata and
// assignment only when the group is Stable, as Kafka does. Unknown groups are described as Dead.
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorize, requestedOperations } from '../authorized-operations.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'

export const describeGroupsHandler = defineHandler({
  key: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const ready = await ctx.groups.whenReady()
    const ops = (groupId: string): number => requestedOperations(ctx, ctx.apiVersion >= 3 && req.includeAuthorizedOperations, 'group', groupId)
    if (ready !== 0) return { throttleTimeMs: 0, groups: req.groups.map((groupId) => ({ groupId, errorCode: ready, authorizedOperations: ops(groupId) })) }
    // Groups another broker coordinates answer NOT_COORDINATOR, each on its own.
    const groups = req.groups.map((groupId) => {
      if (!authorize(ctx, AclOperation.DESCRIBE, 'group', groupId)) return { groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
      const errorCode = ctx.groups.groupError(groupId)
      return errorCode !== 0 ? { groupId, errorCode } : ctx.groups.describeGroups([groupId])[0]!
    })
    return { throttleTimeMs: 0, groups: groups.map((g) => ({ ...g, authorizedOperations: ops(g.groupId) })) }
  },
})
