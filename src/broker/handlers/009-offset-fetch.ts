// OffsetFetch v0-9: one group before v8, several from v8 (KIP-709); topics null (v2+) means every
// committed topic; member id and epoch checked for KIP-848 groups in v9. require_stable (v7+)
// never waits here: no transactional offsets are pending in this coordinator.
import { AclOperation, authorize } from '../authorized-operations.js'
import type { RequestContext } from '../handler.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import type { OffsetFetchRequest } from '../../protocol/generated/offset-fetch-request.js'
import type { OffsetFetchResponse } from '../../protocol/generated/offset-fetch-response.js'
import type { Input } from '../../protocol/codec-support.js'
import type { FetchResult } from '../../groups/offsets.js'

function errorResponse(v: number, req: OffsetFetchRequest, errorCode: number): Input<OffsetFetchResponse> {
  if (v >= 8) return { throttleTimeMs: 0, groups: req.groups.map((g) => ({ groupId: g.groupId, errorCode, topics: [] })) }
  const topics = (req.topics ?? []).map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((p) => ({ partitionIndex: p, committedOffset: -1n, metadata: '', errorCode: v < 2 ? errorCode : ErrorCode.NONE })),
  }))
  return { throttleTimeMs: 0, errorCode, topics }
}

/**
 * As KafkaApis.handleOffsetFetchRequest: topics the principal may not describe are left out of an
 * "all topics" answer and answered TOPIC_AUTHORIZATION_FAILED when named.
 */
function authorizedTopics<T extends { name: string; partitions: Array<{ errorCode: number; committedOffset: bigint }> }>(
  ctx: RequestContext,
  topics: T[],
  named: boolean,
): T[] {
  const out: T[] = []
  for (const t of topics) {
    if (authorize(ctx, AclOperation.DESCRIBE, 'topic', t.name)) out.push(t)
    else if (named) out.push({ ...t, partitions: t.partitions.map((p) => ({ ...p, committedOffset: -1n, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED })) })
  }
  return out
}

export const offsetFetchHandler = defineHandler({
  key: ApiKey.OffsetFetch,
  minVersion: 0,
  maxVersion: 9,
  errorResponse: (ctx, req, code) => errorResponse(ctx.apiVersion, req, code),
  async handle(ctx, req) {
    const v = ctx.apiVersion
    const ready = await ctx.groups.whenReady()
    if (ready !== 0) return errorResponse(v, req, ready)
    const offsets = ctx.groups.offsetManager
    const opts = { requireStable: v >= 7 && req.requireStable }
    if (v >= 8) {
      return {
        throttleTimeMs: 0,
        groups: req.groups.map((g) => {
          if (!authorize(ctx, AclOperation.DESCRIBE, 'group', g.groupId))
            return { groupId: g.groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, topics: [] }
          const errorCode = ctx.groups.groupError(g.groupId)
          if (errorCode !== ErrorCode.NONE) return { groupId: g.groupId, errorCode, topics: [] }
          const r = offsets.fetch(g.groupId, g.topics, { ...opts, memberId: v >= 9 ? g.memberId : null, memberEpoch: v >= 9 ? g.memberEpoch : -1 })
          return { groupId: g.groupId, errorCode: r.errorCode, topics: authorizedTopics(ctx, r.topics, g.topics !== null) }
        }),
      }
    }
    if (!authorize(ctx, AclOperation.DESCRIBE, 'group', req.groupId)) return errorResponse(v, req, ErrorCode.GROUP_AUTHORIZATION_FAILED)
    const groupError = ctx.groups.groupError(req.groupId)
    if (groupError !== ErrorCode.NONE) return errorResponse(v, req, groupError)
    // v0-1 have no "all topics" null and no top-level error code: a group error goes on each partition.
    const r: FetchResult = offsets.fetch(req.groupId, v < 2 ? (req.topics ?? []) : req.topics, { ...opts, memberId: null, memberEpoch: -1 })
    if (v < 2 && r.errorCode !== ErrorCode.NONE) return errorResponse(v, req, r.errorCode)
    return { throttleTimeMs: 0, errorCode: r.errorCode, topics: authorizedTopics(ctx, r.topics, v < 2 || req.topics !== null) }
  },
})
