// DescribeGroups v0-5: state, protocol and members of classic groups; members' metadata and
// assignment only when the group is Stable, as Kafka does. Unknown groups are described as Dead.
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

/** Every group ACL operation (READ, DESCRIBE, DELETE) allowed, as with no authorizer. */
const ALL_GROUP_OPS = (1 << 3) | (1 << 6) | (1 << 8)
const OPS_NOT_REQUESTED = -2147483648

export const describeGroupsHandler = defineHandler({
  key: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const ready = await ctx.broker.groups.whenReady()
    const ops = ctx.apiVersion >= 3 && req.includeAuthorizedOperations ? ALL_GROUP_OPS : OPS_NOT_REQUESTED
    if (ready !== 0) return { throttleTimeMs: 0, groups: req.groups.map((groupId) => ({ groupId, errorCode: ready, authorizedOperations: ops })) }
    const groups = ctx.broker.groups.coordinator.describeGroups(req.groups)
    return { throttleTimeMs: 0, groups: groups.map((g) => ({ ...g, authorizedOperations: ops })) }
  },
})
