/**
 * A consumer group with its lag: members and their assignments (DescribeGroups), committed
 * offsets (OffsetFetch) and the partitions' end offsets (ListOffsets); lag = end - committed.
 */
import { listOffsets, tpKey, type GroupDescription } from '../../client/index.js'
import type { ConsoleContext } from './context.js'

export interface PartitionLag {
  topic: string
  partition: number
  /** null when the group has committed nothing for the partition */
  committed: bigint | null
  end: bigint | null
  lag: bigint | null
  /** the member the partition is assigned to, if any */
  memberId: string | null
  clientId: string | null
}

export interface GroupLag {
  groupId: string
  state: string
  protocolType: string
  protocol: string
  members: {
    memberId: string
    groupInstanceId: string | null
    clientId: string
    clientHost: string
    topics: string[]
    assignment: { topic: string; partitions: number[] }[]
  }[]
  topics: string[]
  partitions: PartitionLag[]
  totalLag: bigint
}

export async function groupLag(ctx: ConsoleContext, groupId: string): Promise<GroupLag> {
  const [desc, committed] = await Promise.all([ctx.admin.describeGroup(groupId), ctx.admin.listGroupOffsets(groupId)])
  const owner = new Map<string, GroupDescription['members'][number]>()
  for (const m of desc.members) for (const [topic, ps] of m.assignment) for (const p of ps) owner.set(tpKey(topic, p), m)
  const rows = new Map<string, { topic: string; partition: number; committed: bigint | null }>()
  for (const c of committed) rows.set(tpKey(c.topic, c.partition), { topic: c.topic, partition: c.partition, committed: c.offset >= 0n ? c.offset : null })
  for (const m of desc.members) {
    for (const [topic, ps] of m.assignment)
      for (const p of ps) if (!rows.has(tpKey(topic, p))) rows.set(tpKey(topic, p), { topic, partition: p, committed: null })
  }
  const ends = await endOffsets(ctx, [...rows.values()])
  const partitions: PartitionLag[] = [...rows.values()]
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
    .map((r) => {
      const k = tpKey(r.topic, r.partition)
      const end = ends.get(k) ?? null
      const m = owner.get(k)
      return {
        ...r,
        end,
        lag: r.committed !== null && end !== null ? (end > r.committed ? end - r.committed : 0n) : null,
        memberId: m?.memberId ?? null,
        clientId: m?.clientId ?? null,
      }
    })
  return {
    groupId: desc.groupId,
    state: desc.state,
    protocolType: desc.protocolType,
    protocol: desc.protocol,
    members: desc.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      topics: m.topics,
      assignment: [...m.assignment].map(([topic, ps]) => ({ topic, partitions: [...ps].sort((a, b) => a - b) })),
    })),
    topics: [...new Set(partitions.map((p) => p.topic))].sort(),
    partitions,
    totalLag: partitions.reduce((s, p) => s + (p.lag ?? 0n), 0n),
  }
}

/** End offsets of partitions that still exist; missing ones (deleted topics) are left out. */
async function endOffsets(ctx: ConsoleContext, tps: readonly { topic: string; partition: number }[]): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>()
  const topics = [...new Set(tps.map((t) => t.topic))]
  if (topics.length === 0) return out
  const meta = await ctx.cluster.refreshMetadata(topics)
  const live = tps.filter((tp) => {
    const t = meta.get(tp.topic)
    return t !== undefined && t.errorCode === 0 && (t.info.partitions[tp.partition]?.leader ?? -1) >= 0
  })
  if (live.length === 0) return out
  const res = await listOffsets(
    ctx.cluster,
    live.map((tp) => ({ ...tp, spec: 'latest' as const })),
  )
  for (const [k, v] of res) out.set(k, v.offset)
  return out
}
