// CreateTopics v2-7: configs validated against the topic config table, validate-only, Kafka's
// name rules; v5+ returns the resulting partitions, replication factor and configs.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { CreatableTopic } from '../../protocol/generated/create-topics-request.js'
import type { CreatableTopicResult } from '../../protocol/generated/create-topics-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { validateTopicConfigs } from '../../config/topic-config.js'
import type { RequestContext } from '../handler.js'

async function createOne(ctx: RequestContext, t: CreatableTopic, validateOnly: boolean, version: number): Promise<Input<CreatableTopicResult>> {
  const fail = (errorCode: number, errorMessage: string): Input<CreatableTopicResult> => ({ name: t.name, errorCode, errorMessage })
  if (t.assignments.length > 0 && (t.numPartitions !== -1 || t.replicationFactor !== -1)) {
    return fail(ErrorCode.INVALID_REQUEST, 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.')
  }
  let partitions = t.numPartitions
  let rf = t.replicationFactor
  if (t.assignments.length > 0) {
    partitions = t.assignments.length
    rf = t.assignments[0]!.brokerIds.length
    const ids = new Set(t.assignments.map((a) => a.partitionIndex))
    if (ids.size !== partitions || [...ids].some((i) => i < 0 || i >= partitions)) {
      return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Partitions must be numbered consecutively from 0.')
    }
    for (const a of t.assignments) {
      if (a.brokerIds.length !== rf || a.brokerIds.some((id) => id !== ctx.metadata.nodeId)) {
        return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Replica assignment must name only broker ${ctx.metadata.nodeId}.`)
      }
    }
  }
  const err = ctx.admin.validateNewTopic(t.name, { partitions, replicationFactor: rf })
  if (err !== null) return fail(err.errorCode, err.message)
  const configs: Record<string, string> = {}
  for (const c of t.configs) {
    if (c.value !== null) configs[c.name] = c.value
  }
  const checked = validateTopicConfigs(configs)
  if (!checked.ok) return fail(checked.errorCode, checked.message)
  const resultPartitions = partitions === -1 ? ctx.config.values.numPartitions : partitions
  const describe = (): Input<CreatableTopicResult> => ({
    name: t.name,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    numPartitions: resultPartitions,
    replicationFactor: 1,
    configs: version >= 5
      ? ctx.admin.describeTopicConfig(configs).map((e) => ({ name: e.name, value: e.value, readOnly: e.readOnly, configSource: e.source, isSensitive: e.isSensitive }))
      : null,
  })
  if (validateOnly) return describe()
  const state = await ctx.admin.createTopic(t.name, { partitions: resultPartitions, replicationFactor: 1, configs })
  return { ...describe(), topicId: state.meta.topicId }
}

export const createTopicsHandler = defineHandler({
  key: ApiKey.CreateTopics,
  minVersion: 2,
  maxVersion: 7,
  async handle(ctx, req) {
    const seen = new Map<string, number>()
    for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1)
    const topics: Array<Input<CreatableTopicResult>> = []
    for (const t of req.topics) {
      if (seen.get(t.name)! > 1) {
        topics.push({ name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Create topics request from client contains duplicate topic names.' })
        continue
      }
      topics.push(await createOne(ctx, t, req.validateOnly, ctx.apiVersion))
    }
    return { throttleTimeMs: 0, topics }
  },
})
