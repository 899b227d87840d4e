// JoinGroup v0-9 (classic protocol): member id required on first join from v4 (KIP-394), static
// members from v5 (KIP-345), skipAssignment for a rejoining static leader from v9. The response
// waits for the rebalance to complete.
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { JoinGroupResponse } from '../../protocol/generated/join-group-response.js'
import type { Input } from '../../protocol/codec-support.js'
import type { JoinResult } from '../../groups/classic-group.js'
import { clientHost } from '../../groups/offsets-topic.js'

function toResponse(v: number, r: JoinResult): Input<JoinGroupResponse> {
  return {
    throttleTimeMs: 0,
    errorCode: r.errorCode,
    generationId: r.generationId,
    protocolType: r.protocolType,
    // Before v7 the protocol name is not nullable.
    protocolName: v < 7 ? (r.protocolName ?? '') : r.protocolName,
    leader: r.leader,
    skipAssignment: r.skipAssignment,
    memberId: r.memberId,
    members: r.members,
  }
}

export const joinGroupHandler = defineHandler({
  key: ApiKey.JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  async handle(ctx, req) {
    const v = ctx.apiVersion
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId))
      return { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, generationId: -1, protocolName: v < 7 ? '' : null, memberId: req.memberId }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== 0) return { errorCode: ready, generationId: -1, protocolName: v < 7 ? '' : null, memberId: req.memberId }
    const result = await ctx.groups.classic.join({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: v >= 1 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      clientId: ctx.clientId ?? '',
      clientHost: clientHost(ctx.connection.remoteAddress),
      requireKnownMemberId: v >= 4,
      supportsSkipAssignment: v >= 9,
      reason: req.reason,
    })
    return toResponse(v, result)
  },
})
