// ElectLeaders v0-2 (KIP-460; v0 elects preferred leaders only, v1 adds the election type and a
// top-level error code): the controller runs the elections (src/controller/preferred-election.ts)
// and the answer waits, up to the request's timeout, until this broker's metadata shows each
// elected leader (Kafka's DelayedElectLeader; REQUEST_TIMED_OUT after it). ALTER on the cluster,
// as KafkaApis.handleElectLeaders checks. Asked for every partition (null), partitions that
// needed no election are left out of the answer, as Kafka does. A single node is its own
// controller and every partition's only replica: nothing ever needs an election.
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler, type RequestContext } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

interface Result {
  topic: string
  partition: number
  errorCode: number
  errorMessage: string | null
  leader?: number
}

export const electLeadersHandler = defineHandler({
  key: ApiKey.ElectLeaders,
  minVersion: 0,
  maxVersion: 2,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode, replicaElectionResults: [] }),
  async handle(ctx, req) {
    const type = ctx.apiVersion >= 1 ? req.electionType : 0
    const asked = req.topicPartitions === null ? null : req.topicPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })))
    const respond = (errorCode: number, results: readonly Result[]) => ({
      throttleTimeMs: 0,
      errorCode,
      replicaElectionResults: group(asked === null ? results.filter((r) => r.errorCode !== ErrorCode.ELECTION_NOT_NEEDED) : results),
    })
    const all = (errorCode: number, errorMessage: string | null = null): Result[] => (asked ?? []).map((tp) => ({ ...tp, errorCode, errorMessage }))
    if (!authorizeCluster(ctx, AclOperation.ALTER)) return respond(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, all(ErrorCode.CLUSTER_AUTHORIZATION_FAILED))
    if (type !== 0 && type !== 1) return respond(ErrorCode.INVALID_REQUEST, all(ErrorCode.INVALID_REQUEST, `Unknown election type ${type}`))
    if (ctx.cluster.mode === 'single-node') {
      const parts = asked ?? [...ctx.metadata.topics()].flatMap((t) => t.partitions.map((p) => ({ topic: t.meta.name, partition: p.partition })))
      return respond(
        ErrorCode.NONE,
        parts.map((tp) =>
          ctx.metadata.partition(tp.topic, tp.partition) === undefined
            ? { ...tp, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'The partition does not exist.' }
            : { ...tp, errorCode: ErrorCode.ELECTION_NOT_NEEDED, errorMessage: 'Leader election not needed for topic partition.' },
        ),
      )
    }
    const controller = ctx.cluster.controller
    if (controller === null) return respond(ErrorCode.NONE, all(ErrorCode.NOT_CONTROLLER, 'This is not the correct controller for this cluster.'))
    const results: Result[] = await controller.electLeaders(type, asked)
    return respond(ErrorCode.NONE, await untilKnown(ctx, results, req.timeoutMs))
  },
})

/** Waits until this broker's metadata shows each elected leader, or the timeout (REQUEST_TIMED_OUT for the rest). */
async function untilKnown(ctx: RequestContext, results: readonly Result[], timeoutMs: number): Promise<Result[]> {
  const deadline = Date.now() + Math.max(0, timeoutMs)
  const known = (r: Result): boolean => r.leader === undefined || ctx.metadata.partition(r.topic, r.partition)?.leader === r.leader
  while (!results.every(known) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  return results.map((r) =>
    known(r) ? r : { ...r, errorCode: ErrorCode.REQUEST_TIMED_OUT, errorMessage: 'The election did not complete within the timeout.' },
  )
}

function group(
  results: readonly Result[],
): Array<{ topic: string; partitionResult: Array<{ partitionId: number; errorCode: number; errorMessage: string | null }> }> {
  const byTopic = new Map<string, Array<{ partitionId: number; errorCode: number; errorMessage: string | null }>>()
  for (const r of results) {
    let list = byTopic.get(r.topic)
    if (list === undefined) byTopic.set(r.topic, (list = []))
    list.push({ partitionId: r.partition, errorCode: r.errorCode, errorMessage: r.errorCode === ErrorCode.NONE ? null : r.errorMessage })
  }
  return [...byTopic].map(([topic, partitionResult]) => ({ topic, partitionResult }))
}
