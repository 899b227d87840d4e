/**
 * Bounded reads of one partition through the client's Consumer (assign mode): records in
 * [from, to), at most `max` of them, fetched in chunks of at most `chunkBytes`. It never asks
 * for offsets at or past `to` (callers pass the high watermark or less), so no Fetch long-polls.
 */
import { Consumer, type Cluster, type ConsumedRecord } from '../../client/index.js'

export interface ReadRange {
  topic: string
  partition: number
  from: bigint
  /** exclusive */
  to: bigint
  max: number
  chunkBytes?: number
  signal?: AbortSignal
}

export interface ReadResult {
  records: ConsumedRecord[]
  /** the offset to continue from: after the last record returned, or `to` when the range is done */
  next: bigint
}

export async function readPartition(cluster: Cluster, r: ReadRange): Promise<ReadResult> {
  const records: ConsumedRecord[] = []
  if (r.from >= r.to || r.max <= 0) return { records, next: r.from < r.to ? r.from : r.to }
  const chunk = r.chunkBytes ?? 512 * 1024
  const consumer = new Consumer(cluster, { partitionMaxBytes: chunk, maxBytes: chunk, minBytes: 1, maxWaitMs: 0 })
  try {
    await consumer.assign([{ topic: r.topic, partition: r.partition, start: r.from }])
    let pos = r.from
    let stalls = 0
    while (pos < r.to && records.length < r.max && r.signal?.aborted !== true) {
      const got = await consumer.poll({ maxWaitMs: 0 })
      for (const rec of got) {
        if (rec.offset >= r.to) break
        if (records.length === r.max) return { records, next: records[records.length - 1]!.offset + 1n }
        records.push(rec)
      }
      const now = consumer.positions()[0]?.offset ?? pos
      // Nothing moved: the records are gone (retention, a truncated log) or not yet readable.
      stalls = now === pos ? stalls + 1 : 0
      if (stalls >= 3) break
      pos = now
    }
    const last = records[records.length - 1]
    const next = records.length === r.max && last !== undefined ? last.offset + 1n : pos < r.to ? pos : r.to
    return { records, next }
  } finally {
    await consumer.close()
  }
}
