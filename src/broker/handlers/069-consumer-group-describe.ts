// ConsumerGroupDescribe v0 (KIP-848): epochs, assignor, and each member's subscription, current
// and target assignment. Classic and unknown groups answer GROUP_ID_NOT_FOUND.
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorize, requestedOperations } from '../authorized-operations.js'

export const consumerGroupDescribeHandler = defineHandler({
  key: ApiKey.ConsumerGroupDescribe,
  minVersion: 0,
  maxVersion: 0,
  async handle(ctx, req) {
    const ready = await ctx.groups.whenReady()
    if (ready !== 0) return { groups: req.groupIds.map((groupId) => ({ groupId, errorCode: ready })) }
    const groups = req.groupIds.map((groupId) => {
      if (!authorize(ctx, AclOperation.DESCRIBE, 'group', groupId)) return { groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
      const errorCode = ctx.groups.groupError(groupId)
      return errorCode !== 0 ? { groupId, errorCode } : ctx.groups.describeConsumerGroups([groupId])[0]!
    })
    return {
      throttleTimeMs: 0,
      groups: groups.map((g) => ({ ...g, authorizedOperations: requestedOperations(ctx, req.includeAuthorizedOperations, 'group', g.groupId ?? '') })),
    }
  },
})
