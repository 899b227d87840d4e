// CreatePartitions v0-3: partitions can only be added; validate-only supported.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { CreatePartitionsTopicResult } from '../../protocol/generated/create-partitions-response.js'
import type { Input } from '../../protocol/codec-support.js'

export const createPartitionsHandler = defineHandler({
  key: ApiKey.CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  async handle(ctx, req) {
    const results: Array<Input<CreatePartitionsTopicResult>> = []
    const seen = new Set<string>()
    for (const t of req.topics) {
      const fail = (errorCode: number, errorMessage: string | null): void => { results.push({ name: t.name, errorCode, errorMessage }) }
      if (seen.has(t.name)) { fail(ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.'); continue }
      seen.add(t.name)
      const state = ctx.metadata.topic(t.name)
      if (state === undefined) { fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${t.name}' does not exist.`); continue }
      const current = state.partitions.length
      if (t.count < current) { fail(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${t.count}.`); continue }
      if (t.count === current) { fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`); continue }
      if (t.assignments !== null) {
        if (t.assignments.length !== t.count - current) { fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Increasing the number of partitions by ${t.count - current} but ${t.assignments.length} assignments provided.`); continue }
        if (t.assignments.some((a) => a.brokerIds.length !== 1 || a.brokerIds[0] !== ctx.metadata.nodeId)) { fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Replica assignment must name only broker ${ctx.metadata.nodeId}.`); continue }
      }
      if (!req.validateOnly) await ctx.admin.createPartitions(t.name, t.count)
      fail(ErrorCode.NONE, null)
    }
    return { throttleTimeMs: 0, results }
  },
})
