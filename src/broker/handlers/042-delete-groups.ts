// DeleteGroups v0-2: removes empty groups with their offsets (tombstones in __consumer_offsets);
// NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND for unknown groups.
import { AclOperation, authorize } from '../authorized-operations.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const deleteGroupsHandler = defineHandler({
  key: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req) {
    const ready = await ctx.groups.whenReady()
    if (ready !== 0) return { results: req.groupsNames.map((groupId) => ({ groupId, errorCode: ready })) }
    const results = req.groupsNames.map((groupId) => {
      if (!authorize(ctx, AclOperation.DELETE, 'group', groupId)) return { groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
      const errorCode = ctx.groups.groupError(groupId)
      return errorCode !== 0 ? { groupId, errorCode } : ctx.groups.deleteGroups([groupId])[0]!
    })
    return { throttleTimeMs: 0, results }
  },
})
