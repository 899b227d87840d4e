/**
 * Replica placement as Kafka's Admin and its tools see it: partition reassignments (KIP-455:
 * AlterPartitionReassignments, ListPartitionReassignments) and leader elections (KIP-460:
 * ElectLeaders), all served by the controller. Per-partition outcomes are returned, not thrown,
 * so a tool can report each (ELECTION_NOT_NEEDED is not a failure).
 */
import type { Cluster } from './cluster.js'
import { check } from './errors.js'
import { errorInfo } from '../protocol/generated/error-codes.js'

export interface PartitionOutcome {
  topic: string
  partition: number
  errorCode: number
  /** Kafka's name of the code, NONE when it worked */
  error: string
  message: string | null
}

export interface OngoingReassignment {
  topic: string
  partition: number
  replicas: number[]
  adding: number[]
  removing: number[]
}

export type TopicPartition = { topic: string; partition: number }

const outcome = (topic: string, partition: number, errorCode: number, message: string | null): PartitionOutcome => ({
  topic,
  partition,
  errorCode,
  error: errorCode === 0 ? 'NONE' : (errorInfo.get(errorCode)?.name ?? `UNKNOWN_ERROR_${errorCode}`),
  message,
})

function byTopic<T extends TopicPartition>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const it of items) {
    let list = m.get(it.topic)
    if (list === undefined) m.set(it.topic, (list = []))
    list.push(it)
  }
  return m
}

/** ElectLeaders: `partitions` null elects wherever needed (only those are answered). */
export async function electLeaders(
  cluster: Cluster,
  type: 'preferred' | 'unclean',
  partitions: readonly TopicPartition[] | null,
  timeoutMs = 60_000,
): Promise<PartitionOutcome[]> {
  return cluster.retry(async () => {
    const conn = await cluster.controllerConnection()
    const res = await conn.request(
      'ElectLeaders',
      {
        electionType: type === 'preferred' ? 0 : 1,
        topicPartitions: partitions === null ? null : [...byTopic(partitions)].map(([topic, ps]) => ({ topic, partitions: ps.map((p) => p.partition) })),
        timeoutMs,
      },
      type === 'unclean' ? { minVersion: 1 } : undefined,
    )
    check(res.errorCode ?? 0, { api: 'ElectLeaders' })
    const out = res.replicaElectionResults.flatMap((t) => t.partitionResult.map((p) => outcome(t.topic, p.partitionId, p.errorCode, p.errorMessage)))
    // The controller moved: ask the new one.
    const moved = out.find((o) => o.error === 'NOT_CONTROLLER')
    if (moved !== undefined) check(moved.errorCode, { api: 'ElectLeaders' })
    return out
  })
}

/** AlterPartitionReassignments: `replicas` null cancels the partition's ongoing reassignment. */
export async function alterPartitionReassignments(
  cluster: Cluster,
  moves: ReadonlyArray<TopicPartition & { replicas: number[] | null }>,
  timeoutMs = 60_000,
): Promise<PartitionOutcome[]> {
  return cluster.retry(async () => {
    const conn = await cluster.controllerConnection()
    const res = await conn.request('AlterPartitionReassignments', {
      timeoutMs,
      topics: [...byTopic(moves)].map(([name, ps]) => ({ name, partitions: ps.map((p) => ({ partitionIndex: p.partition, replicas: p.replicas })) })),
    })
    check(res.errorCode, { api: 'AlterPartitionReassignments' }, res.errorMessage)
    return res.responses.flatMap((t) => t.partitions.map((p) => outcome(t.name, p.partitionIndex, p.errorCode, p.errorMessage)))
  })
}

/** ListPartitionReassignments: the ongoing ones, of `partitions` or all. */
export async function listPartitionReassignments(
  cluster: Cluster,
  partitions: readonly TopicPartition[] | null = null,
  timeoutMs = 60_000,
): Promise<OngoingReassignment[]> {
  return cluster.retry(async () => {
    const conn = await cluster.controllerConnection()
    const res = await conn.request('ListPartitionReassignments', {
      timeoutMs,
      topics: partitions === null ? null : [...byTopic(partitions)].map(([name, ps]) => ({ name, partitionIndexes: ps.map((p) => p.partition) })),
    })
    check(res.errorCode, { api: 'ListPartitionReassignments' }, res.errorMessage)
    return res.topics
      .flatMap((t) =>
        t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas, adding: p.addingReplicas, removing: p.removingReplicas })),
      )
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
  })
}
