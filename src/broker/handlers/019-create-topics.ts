// CreateTopics v2-7: replicas assigned round robin over the live brokers (rack-aware) or given
// per partition; configs validated against the topic config table, validate-only, Kafka's name
// rules; v5+ returns the resulting partitions, replication factor and configs. The answer waits
// (up to the request's timeout) until the partitions have leaders.
import { AclOperation, authorize, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { CreatableTopic } from '../../protocol/generated/create-topics-request.js'
import type { CreatableTopicResult } from '../../protocol/generated/create-topics-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { validateTopicConfigs } from '../../config/topic-config.js'
import type { RequestContext } from '../handler.js'
import { KafkaError } from '../../errors.js'

async function createOne(
  ctx: RequestContext,
  t: CreatableTopic,
  validateOnly: boolean,
  version: number,
  timeoutMs: number,
): Promise<Input<CreatableTopicResult>> {
  const fail = (errorCode: number, errorMessage: string): Input<CreatableTopicResult> => ({ name: t.name, errorCode, errorMessage })
  if (t.assignments.length > 0 && (t.numPartitions !== -1 || t.replicationFactor !== -1)) {
    return fail(ErrorCode.INVALID_REQUEST, 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.')
  }
  let assignment: number[][] | undefined
  if (t.assignments.length > 0) {
    assignment = []
    for (const a of t.assignments) {
      if (a.partitionIndex < 0 || a.partitionIndex >= t.assignments.length || assignment[a.partitionIndex] !== undefined) {
        return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Partitions must be numbered consecutively from 0.')
      }
      assignment[a.partitionIndex] = a.brokerIds
    }
  }
  const err = ctx.admin.validateNewTopic(t.name, { partitions: t.numPartitions, replicationFactor: t.replicationFactor, assignment })
  if (err !== null) return fail(err.errorCode, err.message)
  const configs: Record<string, string> = {}
  for (const c of t.configs) {
    if (c.value !== null) configs[c.name] = c.value
  }
  const checked = validateTopicConfigs(configs)
  if (!checked.ok) return fail(checked.errorCode, checked.message)
  const v = ctx.config.values
  const partitions = assignment?.length ?? (t.numPartitions === -1 ? v.numPartitions : t.numPartitions)
  const rf = assignment?.[0]?.length ?? (t.replicationFactor === -1 ? v.defaultReplicationFactor : t.replicationFactor)
  const describe = (): Input<CreatableTopicResult> => ({
    name: t.name,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    numPartitions: partitions,
    replicationFactor: rf,
    configs:
      version >= 5
        ? ctx.admin
            .describeTopicConfig(configs)
            .map((e) => ({ name: e.name, value: e.value, readOnly: e.readOnly, configSource: e.source, isSensitive: e.isSensitive }))
        : null,
  })
  if (validateOnly) return describe()
  let state
  try {
    state = await ctx.admin.createTopic(t.name, { partitions, replicationFactor: rf, assignment, configs, timeoutMs })
  } catch (e) {
    if (e instanceof KafkaError) return fail(e.errorCode, e.message)
    throw e
  }
  if (state.errorCode !== ErrorCode.NONE) return fail(state.errorCode, `Timed out waiting for the partitions of ${t.name} to have leaders.`)
  return { ...describe(), topicId: state.topicId }
}

export const createTopicsHandler = defineHandler({
  key: ApiKey.CreateTopics,
  minVersion: 2,
  maxVersion: 7,
  async handle(ctx, req) {
    const seen = new Map<string, number>()
    for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1)
    const topics: Array<Input<CreatableTopicResult>> = []
    // In ZooKeeper mode only the controller creates topics; clients send CreateTopics there
    // (Kafka's ZooKeeper-mode KafkaApis answers NOT_CONTROLLER, and clients retry at the controller).
    if (!ctx.admin.isController) {
      return {
        throttleTimeMs: 0,
        topics: req.topics.map((t) => ({
          name: t.name,
          errorCode: ErrorCode.NOT_CONTROLLER,
          errorMessage: 'This is not the correct controller for this cluster.',
        })),
      }
    }
    // All at once, as Kafka's controller takes a request's topics in one batch: the metadata
    // store writes the changes that arrive together in one go.
    topics.push(
      ...(await Promise.all(
        req.topics.map(async (t): Promise<Input<CreatableTopicResult>> => {
          if (seen.get(t.name)! > 1)
            return { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Create topics request from client contains duplicate topic names.' }
          // CREATE on the cluster or on the topic (KafkaApis.handleCreateTopicsRequest).
          if (!authorizeCluster(ctx, AclOperation.CREATE) && !authorize(ctx, AclOperation.CREATE, 'topic', t.name)) {
            return { name: t.name, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' }
          }
          const result = await createOne(ctx, t, req.validateOnly, ctx.apiVersion, req.timeoutMs)
          // The created topic's configs only for a principal that may describe them.
          if (result.errorCode === ErrorCode.NONE && ctx.apiVersion >= 5 && !authorize(ctx, AclOperation.DESCRIBE_CONFIGS, 'topic', t.name)) {
            return { ...result, configs: null, topicConfigErrorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED }
          }
          return result
        }),
      )),
    )
    return { throttleTimeMs: 0, topics }
  },
})
