/**
 * @platformatic/kafka 1.x (flexible versions only: Metadata v12, Produce v11, Fetch v17 with topic
 * ids, ListOffsets v9): admin createTopics, produce with none/gzip/snappy/lz4 (zstd needs
 * Node >= 22.15, so it joins when the runtime has zlib zstd), assign-style reads through the
 * consumer's low-level fetch() (no group), admin listOffsets, restart.
 */
import { after, before, test } from 'node:test'
import * as zlib from 'node:zlib'
import { Admin, Consumer, Producer } from '@platformatic/kafka'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { loadCodecs } from '../support/codecs.js'
import { requireTool } from '../support/env.js'
import type { ReadRecord, Sample } from '../support/dataset.js'
import { runRoundTrip, type Ack, type ClientDriver, type OffsetsResult } from '../support/scenario.js'

const skip = requireTool(loadCodecs().why)
const hasZstd = typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function'

let broker: TestBroker
before(async () => {
  if (skip === false) broker = await startTestBroker()
})
after(async () => {
  await broker?.close()
})

const base = (bootstrap: string) => ({ clientId: 'samsa-platformatic', bootstrapBrokers: [bootstrap], retries: 2, retryDelay: 100, requestTimeout: 10_000 })

async function withAdmin<T>(bootstrap: string, fn: (a: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin(base(bootstrap))
  try {
    return await fn(admin)
  } finally {
    await admin.close()
  }
}

async function listOffsets(
  bootstrap: string,
  topic: string,
  partitions: number,
  timestamp: (p: number) => bigint | undefined,
): Promise<Record<number, number>> {
  const parts = [...Array(partitions).keys()].flatMap((p) => {
    const ts = timestamp(p)
    return ts === undefined ? [] : [{ partitionIndex: p, timestamp: ts }]
  })
  if (parts.length === 0) return {}
  const res = await withAdmin(bootstrap, (a) => a.listOffsets({ topics: [{ name: topic, partitions: parts }] }))
  const out: Record<number, number> = {}
  for (const p of res[0]!.partitions) out[p.partitionIndex] = Number(p.offset)
  return out
}

const driver: ClientDriver = {
  name: 'platformatic',
  codecs: hasZstd ? ['none', 'gzip', 'snappy', 'lz4', 'zstd'] : ['none', 'gzip', 'snappy', 'lz4'],
  kind: 'binary',
  setsTimestamps: true,
  async createTopic(bootstrap, topic, partitions) {
    await withAdmin(bootstrap, (a) => a.createTopics({ topics: [topic], partitions, replicas: 1 }))
  },
  async produce(bootstrap, topic, codec, samples: Sample[]): Promise<Ack[]> {
    const producer = new Producer(base(bootstrap))
    const acks: Ack[] = []
    try {
      for (let from = 0; from < samples.length; from += 12) {
        const chunk = samples.slice(from, from + 12)
        const res = await producer.send({
          acks: 1,
          compression: codec as 'none',
          messages: chunk.map((s) => ({
            topic,
            partition: s.partition,
            key: s.key ?? undefined,
            value: s.value ?? undefined,
            timestamp: BigInt(s.timestamp),
            headers: new Map(s.headers.map((h) => [Buffer.from(h.key), h.value ?? Buffer.alloc(0)])),
          })),
        })
        const baseOffsets = new Map((res.offsets ?? []).map((o) => [o.partition, Number(o.offset)]))
        const seen = new Map<number, number>()
        for (const s of chunk) {
          const i = seen.get(s.partition) ?? 0
          seen.set(s.partition, i + 1)
          const b = baseOffsets.get(s.partition)
          if (b === undefined) throw new Error(`platformatic: no offset reported for partition ${s.partition}`)
          acks.push({ partition: s.partition, offset: b + i })
        }
      }
    } finally {
      await producer.close()
    }
    return acks
  },
  async consume(bootstrap, topic, partitions): Promise<ReadRecord[]> {
    const consumer = new Consumer({ ...base(bootstrap), groupId: 'samsa-platformatic-unused' })
    const out: ReadRecord[] = []
    try {
      const md = await consumer.metadata({ topics: [topic] })
      const t = md.topics.get(topic)!
      for (let p = 0; p < partitions; p++) {
        const node = t.partitions[p]!.leader
        let offset = 0n
        for (let round = 0; round < 1000; round++) {
          const res = await consumer.fetch({
            node,
            maxWaitTime: 10,
            minBytes: 1,
            maxBytes: 8 << 20,
            topics: [
              { topicId: t.id, partitions: [{ partition: p, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, partitionMaxBytes: 8 << 20 }] },
            ],
          })
          const part = res.responses[0]!.partitions[0]!
          if (part.errorCode !== 0) throw new Error(`platformatic fetch ${topic}-${p}@${offset}: error ${part.errorCode}`)
          for (const batch of part.records ?? []) {
            for (const r of batch.records) {
              const o = batch.firstOffset + BigInt(r.offsetDelta)
              if (o < offset) continue
              out.push({
                partition: p,
                offset: Number(o),
                timestamp: Number(batch.firstTimestamp + r.timestampDelta),
                key: r.key,
                value: r.value,
                headers: r.headers.map(([k, v]) => ({ key: (k ?? Buffer.alloc(0)).toString('utf8'), value: v })),
              })
              offset = o + 1n
            }
          }
          if (offset >= part.highWatermark) break
        }
      }
    } finally {
      await consumer.close()
    }
    return out
  },
  async offsets(bootstrap, topic, partitions, times): Promise<OffsetsResult> {
    const earliest = await listOffsets(bootstrap, topic, partitions, () => -2n)
    const latest = await listOffsets(bootstrap, topic, partitions, () => -1n)
    const byTime = await listOffsets(bootstrap, topic, partitions, (p) => (times[p] === undefined ? undefined : BigInt(times[p]!)))
    const t: Record<number, number | null> = {}
    for (const [p, o] of Object.entries(byTime)) t[Number(p)] = o < 0 ? null : o
    return { earliest, latest, times: t }
  },
}

test('@platformatic/kafka round trip', { skip, timeout: 300_000 }, async (t) => {
  await runRoundTrip(t, broker, driver)
})
