// ListGroups v0-5: every live group with its protocol type; state filter from v4 (KIP-518),
// type filter (classic, consumer) from v5 (KIP-848).
import { defineHandler } from '../handler.js'
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
    const groups = ctx.groups.listGroups(v >= 4 ? req.statesFilter : [], v >= 5 ? req.typesFilter : [])
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups }
  },
})
