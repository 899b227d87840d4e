/**
 * Browsing a topic a page at a time, oldest-first or newest-first, over one partition or all.
 *
 * A position is a cursor: per partition, the next offset to read (ascending) or the offset
 * below which to read (descending, exclusive). A page reads up to `limit` records from each
 * partition next to its cursor, then merges the partitions by timestamp, taking one record at
 * a time from the partition whose next record is oldest (ascending) or newest (descending), so
 * what a page takes from each partition is contiguous and the cursor after it is exact: no
 * record is shown twice or skipped, however the timestamps interleave.
 */
import { listOffsets, tpKey, type Cluster, type ConsumedRecord } from '../../client/index.js'
import { badRequest } from './errors.js'
import { readPartition } from './partition-reader.js'

export type Order = 'asc' | 'desc'
export type Seek = { kind: 'earliest' } | { kind: 'latest' } | { kind: 'offset'; offset: bigint } | { kind: 'timestamp'; timestamp: number }

export interface PartitionRange {
  partition: number
  start: bigint
  end: bigint
}

export interface Page {
  records: ConsumedRecord[]
  /** the cursor of the next page, or null when there is none */
  next: string | null
  partitions: PartitionRange[]
}

function encodeCursor(c: ReadonlyMap<number, bigint>): string {
  return [...c].map(([p, o]) => `${p}:${o}`).join(',')
}

export function decodeCursor(s: string): Map<number, bigint> {
  const out = new Map<number, bigint>()
  for (const part of s.split(',')) {
    const m = /^(\d+):(-?\d+)$/.exec(part.trim())
    if (m === null) throw badRequest(`not a cursor: ${JSON.stringify(s)}`)
    out.set(Number(m[1]), BigInt(m[2]!))
  }
  return out
}

/** Start and end offsets of the chosen partitions (all when `partition` is null). */
export async function partitionRanges(cluster: Cluster, topic: string, partition: number | null): Promise<PartitionRange[]> {
  const t = await cluster.topic(topic, { refresh: true })
  const ps = t.partitions.filter((p) => partition === null || p.partition === partition).map((p) => p.partition)
  if (partition !== null && ps.length === 0) throw badRequest(`topic ${topic} has no partition ${partition} (it has ${t.partitions.length})`)
  const tps = ps.map((p) => ({ topic, partition: p }))
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
  return ps.map((p) => ({ partition: p, start: starts.get(tpKey(topic, p))?.offset ?? 0n, end: ends.get(tpKey(topic, p))?.offset ?? 0n }))
}

/** The first cursor for a seek: inclusive lower bounds ascending, exclusive upper bounds descending. */
export async function initialCursor(
  cluster: Cluster,
  topic: string,
  ranges: readonly PartitionRange[],
  seek: Seek,
  order: Order,
): Promise<Map<number, bigint>> {
  const clamp = (r: PartitionRange, o: bigint): bigint => (o < r.start ? r.start : o > r.end ? r.end : o)
  let byTime: Map<string, { offset: bigint }> | undefined
  if (seek.kind === 'timestamp') {
    byTime = await listOffsets(
      cluster,
      ranges.map((r) => ({ topic, partition: r.partition, spec: { timestamp: seek.timestamp } })),
    )
  }
  return new Map(
    ranges.map((r) => {
      switch (seek.kind) {
        case 'earliest':
          return [r.partition, r.start]
        case 'latest':
          return [r.partition, r.end]
        case 'offset':
          return [r.partition, clamp(r, order === 'asc' ? seek.offset : seek.offset + 1n)]
        case 'timestamp': {
          const o = byTime!.get(tpKey(topic, r.partition))?.offset ?? -1n
          return [r.partition, o < 0n ? r.end : clamp(r, o)]
        }
      }
    }),
  )
}

export async function readPage(
  cluster: Cluster,
  topic: string,
  ranges: readonly PartitionRange[],
  cursor: ReadonlyMap<number, bigint>,
  order: Order,
  limit: number,
  signal?: AbortSignal,
): Promise<Page> {
  const streams = await Promise.all(
    ranges.map(async (r) => {
      const c = cursor.get(r.partition)
      if (c === undefined) return { range: r, records: [] as ConsumedRecord[], low: r.start, high: r.start }
      if (order === 'asc') {
        const res = await readPartition(cluster, { topic, partition: r.partition, from: c, to: r.end, max: limit, signal })
        return { range: r, records: res.records, low: c, high: res.next }
      }
      const from = c - BigInt(limit) > r.start ? c - BigInt(limit) : r.start
      const res = await readPartition(cluster, { topic, partition: r.partition, from, to: c, max: Number(c - from) + 1, signal })
      return { range: r, records: res.records.reverse(), low: from, high: c }
    }),
  )

  const taken: ConsumedRecord[] = []
  const heads = streams.map(() => 0)
  while (taken.length < limit) {
    let best = -1
    for (let i = 0; i < streams.length; i++) {
      const rec = streams[i]!.records[heads[i]!]
      if (rec === undefined) continue
      const b = best < 0 ? undefined : streams[best]!.records[heads[best]!]!
      if (b === undefined || (order === 'asc' ? rec.timestamp < b.timestamp : rec.timestamp > b.timestamp)) best = i
    }
    if (best < 0) break
    taken.push(streams[best]!.records[heads[best]!++]!)
  }

  const next = new Map<number, bigint>()
  let more = false
  streams.forEach((s, i) => {
    const used = heads[i]!
    const all = used === s.records.length
    let c: bigint
    if (order === 'asc') {
      c = all ? s.high : s.records[used]!.offset
      more ||= c < s.range.end
    } else {
      c = all ? s.low : used === 0 ? s.high : s.records[used - 1]!.offset
      more ||= c > s.range.start
    }
    next.set(s.range.partition, c)
  })
  return { records: taken, next: more ? encodeCursor(next) : null, partitions: [...ranges] }
}
