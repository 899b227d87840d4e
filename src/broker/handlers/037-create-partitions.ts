// CreatePartitions v0-3: partitions can only be added, with replicas given or assigned round
// robin as Kafka's AdminZkClient.addPartitions does; validate-only supported. In ZooKeeper mode
// only the controller adds partitions (else NOT_CONTROLLER).
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { KafkaError } from '../../errors.js'
import type { CreatePartitionsTopicResult } from '../../protocol/generated/create-partitions-response.js'
import type { Input } from '../../protocol/codec-support.js'

export const createPartitionsHandler = defineHandler({
  key: ApiKey.CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  async handle(ctx, req) {
    const results: Array<Input<CreatePartitionsTopicResult>> = []
    const seen = new Set<string>()
    if (!ctx.admin.isController) {
      return {
        throttleTimeMs: 0,
        results: req.topics.map((t) => ({
          name: t.name,
          errorCode: ErrorCode.NOT_CONTROLLER,
          errorMessage: 'This is not the correct controller for this cluster.',
        })),
      }
    }
    for (const t of req.topics) {
      const fail = (errorCode: number, errorMessage: string | null): void => {
        results.push({ name: t.name, errorCode, errorMessage })
      }
      if (seen.has(t.name)) {
        fail(ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.')
        continue
      }
      seen.add(t.name)
      if (!authorize(ctx, AclOperation.ALTER, 'topic', t.name)) {
        fail(ErrorCode.TOPIC_AUTHORIZATION_FAILED, null)
        continue
      }
      const state = ctx.metadata.topic(t.name)
      if (state === undefined) {
        fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${t.name}' does not exist.`)
        continue
      }
      const current = state.partitions.length
      if (t.count < current) {
        fail(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${t.count}.`)
        continue
      }
      if (t.count === current) {
        fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`)
        continue
      }
      let assignment: number[][] | undefined
      if (t.assignments !== null) {
        if (t.assignments.length !== t.count - current) {
          fail(
            ErrorCode.INVALID_REPLICA_ASSIGNMENT,
            `Increasing the number of partitions by ${t.count - current} but ${t.assignments.length} assignments provided.`,
          )
          continue
        }
        // Kafka's AdminZkClient.validateReplicaAssignment: the same replication factor, registered brokers, no duplicates.
        const rf = state.partitions[0]?.replicas.length ?? 1
        const bad = t.assignments
          .map((a) => a.brokerIds)
          .find((ids) => ids.length !== rf || new Set(ids).size !== ids.length || ids.some((id) => !ctx.metadata.isAlive(id)))
        if (bad !== undefined) {
          const unknown = bad.filter((id) => !ctx.metadata.isAlive(id))
          fail(
            ErrorCode.INVALID_REPLICA_ASSIGNMENT,
            unknown.length > 0
              ? `Unknown broker(s) in replica assignment: ${unknown.join(', ')}.`
              : bad.length !== rf
                ? `Inconsistent replication factor between partitions, partition 0 has ${rf} while partitions [${current}] has replication factor ${bad.length}.`
                : `Duplicate brokers not allowed in replica assignment: ${bad.join(', ')}.`,
          )
          continue
        }
        assignment = t.assignments.map((a) => a.brokerIds)
      } else if ((state.partitions[0]?.replicas.length ?? 1) > ctx.metadata.liveBrokers().length) {
        fail(
          ErrorCode.INVALID_REPLICATION_FACTOR,
          `Replication factor: ${state.partitions[0]!.replicas.length} larger than available brokers: ${ctx.metadata.liveBrokers().length}.`,
        )
        continue
      }
      if (req.validateOnly) {
        fail(ErrorCode.NONE, null)
        continue
      }
      try {
        const errorCode = await ctx.admin.createPartitions(t.name, t.count, assignment, req.timeoutMs)
        fail(errorCode, null)
      } catch (e) {
        if (e instanceof KafkaError) fail(e.errorCode, e.message)
        else throw e
      }
    }
    return { throttleTimeMs: 0, results }
  },
})
