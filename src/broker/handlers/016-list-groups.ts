// ListGroups v0-5: every live group with its protocol type; state filter from v4 (KIP-518),
// type filter (classic, consumer) from v5 (KIP-848).
import { defineHandler } from '../handler.js'
import { AclOperation, authorize, authorizeCluster } from '../authorized-operations.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'

export const listGroupsHandler = defineHandler({
  key: ApiKey.ListGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const v = ctx.apiVersion
    const ready = await ctx.groups.whenReady()
    if (ready !== 0) return { errorCode: ready, groups: [] }
    const all = ctx.groups.listGroups(v >= 4 ? req.statesFilter : [], v >= 5 ? req.typesFilter : [])
    // DESCRIBE on the cluster lists every group; otherwise those the principal may describe.
    const groups = authorizeCluster(ctx, AclOperation.DESCRIBE) ? all : all.filter((g) => authorize(ctx, AclOperation.DESCRIBE, 'group', g.groupId))
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups }
  },
})
