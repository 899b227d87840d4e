// AlterPartitionReassignments v0 (KIP-455): starts, replaces or cancels (null replicas) partition
// reassignments; the controller carries them out (src/controller/reassignment.ts) and answers
// once each is under way. ALTER on the cluster, as KafkaApis checks; NOT_CONTROLLER on another
// broker. A single node has only itself to move a partition to: its own id is accepted (nothing
// moves), any other broker is not alive (INVALID_REPLICA_ASSIGNMENT), and nothing is ever in
// progress to cancel.
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler, type RequestContext } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

interface Result {
  topic: string
  partition: number
  errorCode: number
  errorMessage: string | null
}

export const alterPartitionReassignmentsHandler = defineHandler({
  key: ApiKey.AlterPartitionReassignments,
  minVersion: 0,
  maxVersion: 0,
  errorResponse: (_ctx, req, errorCode) => ({
    errorCode,
    errorMessage: null,
    responses: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode, errorMessage: null })),
    })),
  }),
  async handle(ctx, req) {
    const items = req.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas })))
    const respond = (errorCode: number, errorMessage: string | null, results: readonly Result[]) => ({
      throttleTimeMs: 0,
      errorCode,
      errorMessage,
      responses: group(results),
    })
    const all = (errorCode: number, errorMessage: string | null): Result[] =>
      items.map((it) => ({ topic: it.topic, partition: it.partition, errorCode, errorMessage }))
    if (!authorizeCluster(ctx, AclOperation.ALTER))
      return respond(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null, all(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null))
    if (ctx.cluster.mode === 'single-node')
      return respond(
        ErrorCode.NONE,
        null,
        items.map((it) => ({ topic: it.topic, partition: it.partition, ...singleNode(ctx, it) })),
      )
    const controller = ctx.cluster.controller
    if (controller === null)
      return respond(ErrorCode.NOT_CONTROLLER, 'This is not the correct controller for this cluster.', all(ErrorCode.NOT_CONTROLLER, null))
    return respond(ErrorCode.NONE, null, await controller.alterPartitionReassignments(items))
  },
})

function singleNode(
  ctx: RequestContext,
  it: { topic: string; partition: number; replicas: number[] | null },
): { errorCode: number; errorMessage: string | null } {
  if (it.replicas === null) return { errorCode: ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, errorMessage: 'No partition reassignment is in progress.' }
  const r = it.replicas
  if (r.length === 0) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: 'Empty replica list specified in partition reassignment.' }
  if (new Set(r).size !== r.length)
    return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `Duplicate replica ids in partition reassignment replica list: [${r.join(', ')}]` }
  if (r.some((id) => !ctx.metadata.isAlive(id)))
    return {
      errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
      errorMessage: `Replica assignment has brokers that are not alive. Replica list: [${r.join(', ')}], live broker list: [${ctx.metadata.nodeId}]`,
    }
  if (ctx.metadata.partition(it.topic, it.partition) === undefined)
    return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'The partition does not exist.' }
  return { errorCode: ErrorCode.NONE, errorMessage: null }
}

function group(
  results: readonly Result[],
): Array<{ name: string; partitions: Array<{ partitionIndex: number; errorCode: number; errorMessage: string | null }> }> {
  const byTopic = new Map<string, Array<{ partitionIndex: number; errorCode: number; errorMessage: string | null }>>()
  for (const r of results) {
    let list = byTopic.get(r.topic)
    if (list === undefined) byTopic.set(r.topic, (list = []))
    list.push({ partitionIndex: r.partition, errorCode: r.errorCode, errorMessage: r.errorMessage })
  }
  return [...byTopic].map(([name, partitions]) => ({ name, partitions }))
}
