/** ListOffsets against partition leaders: earliest, latest, or the first offset at a time. */
import { check } from './errors.js'
import { tpKey, type Cluster } from './cluster.js'

export type OffsetSpec = 'earliest' | 'latest' | { timestamp: bigint | number }

export interface OffsetQuery {
  topic: string
  partition: number
  spec: OffsetSpec
}

export interface PartitionOffset {
  topic: string
  partition: number
  /** -1 when a timestamp is later than every record. */
  offset: bigint
  timestamp: bigint
}

export const EARLIEST_TIMESTAMP = -2n
export const LATEST_TIMESTAMP = -1n

function specTimestamp(spec: OffsetSpec): bigint {
  if (spec === 'earliest') return EARLIEST_TIMESTAMP
  if (spec === 'latest') return LATEST_TIMESTAMP
  return BigInt(spec.timestamp)
}

/** Results keyed by `topic:partition` (see tpKey). */
export async function listOffsets(cluster: Cluster, queries: readonly OffsetQuery[], isolationLevel = 0): Promise<Map<string, PartitionOffset>> {
  return cluster.retry(async () => {
    const out = new Map<string, PartitionOffset>()
    const byLeader = await cluster.byLeader(queries)
    await Promise.all(
      [...byLeader].map(async ([leader, items]) => {
        const conn = await cluster.connection(leader)
        const topics = new Map<string, OffsetQuery[]>()
        for (const q of items) {
          let list = topics.get(q.topic)
          if (list === undefined) topics.set(q.topic, (list = []))
          list.push(q)
        }
        const res = await conn.request(
          'ListOffsets',
          {
            replicaId: -1,
            isolationLevel,
            topics: [...topics].map(([name, qs]) => ({
              name,
              partitions: qs.map((q) => ({ partitionIndex: q.partition, timestamp: specTimestamp(q.spec), currentLeaderEpoch: -1 })),
            })),
          },
          { minVersion: 1 },
        )
        for (const t of res.topics) {
          for (const p of t.partitions) {
            check(p.errorCode, { topic: t.name, partition: p.partitionIndex, api: 'ListOffsets' })
            out.set(tpKey(t.name, p.partitionIndex), { topic: t.name, partition: p.partitionIndex, offset: p.offset, timestamp: p.timestamp })
          }
        }
      }),
    )
    return out
  })
}

/** Start and end offsets of every partition of the given topics. */
export async function topicOffsets(
  cluster: Cluster,
  topics: readonly { name: string; partitions: readonly { partition: number }[] }[],
): Promise<Map<string, { start: bigint; end: bigint }>> {
  const tps = topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition })))
  if (tps.length === 0) return new Map()
  const [starts, ends] = await Promise.all([
    listOffsets(
      cluster,
      tps.map((tp) => ({ ...tp, spec: 'earliest' as const })),
    ),
    listOffsets(
      cluster,
      tps.map((tp) => ({ ...tp, spec: 'latest' as const })),
    ),
  ])
  const out = new Map<string, { start: bigint; end: bigint }>()
  for (const tp of tps) {
    const k = tpKey(tp.topic, tp.partition)
    out.set(k, { start: starts.get(k)?.offset ?? -1n, end: ends.get(k)?.offset ?? -1n })
  }
  return out
}
