/**
 * The round trip every client test runs, per compression codec: create a 3-partition topic,
 * produce keyed records, read them back with the client and independently with the test's own
 * Fetch reader, list offsets (earliest, latest, by timestamp), restart the broker on the same
 * data directory, and read and list again.
 */
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import { assertSameRecords, makeSamples, byPartition, type ReadRecord, type Sample } from './dataset.js'
import { TestClient } from './raw-client.js'
import { Compression } from './records.js'
import { loadCodecs } from './codecs.js'
import type { TestBroker } from './broker.js'

export interface Ack {
  partition: number
  offset: number
}

export interface OffsetsResult {
  earliest: Record<number, number>
  latest: Record<number, number>
  /** First offset at or after each asked timestamp; null when there is none. */
  times: Record<number, number | null>
}

export interface ClientDriver {
  readonly name: string
  readonly codecs: readonly string[]
  readonly kind: 'binary' | 'text'
  /** Whether the client sends the samples' own timestamps (kcat cannot). */
  readonly setsTimestamps: boolean
  /** Records per codec (spread over 3 partitions). */
  readonly count?: number
  /** Adjusts the generated samples to what the client can express (e.g. kcat's fixed headers). */
  prepare?(samples: Sample[], codec: string): Sample[]
  createTopic(bootstrap: string, topic: string, partitions: number): Promise<void>
  /** Produces the samples; returns one ack per sample when the client reports offsets, else null. */
  produce(bootstrap: string, topic: string, codec: string, samples: Sample[]): Promise<Ack[] | null>
  /** Reads every record of the topic, without a consumer group where the client can. */
  consume(bootstrap: string, topic: string, partitions: number, expected: number): Promise<ReadRecord[]>
  offsets(bootstrap: string, topic: string, partitions: number, times: Record<number, number>): Promise<OffsetsResult>
  close?(): Promise<void>
}

export const PARTITIONS = 3

interface Produced {
  topic: string
  codec: string
  samples: Sample[]
  /** Timestamps and offsets as the broker stored them, read with the test's own reader. */
  stored: ReadRecord[]
}

/** Reads a whole topic with the test's own Fetch client, checking batches and decompressing. */
export async function readTopicRaw(bootstrap: string, topic: string, partitions: number): Promise<{ records: ReadRecord[]; compressions: Set<number> }> {
  const codecs = loadCodecs()
  if (codecs.codecs === null) throw new Error(codecs.why)
  const client = await TestClient.connect(bootstrap)
  try {
    const records: ReadRecord[] = []
    const compressions = new Set<number>()
    for (let p = 0; p < partitions; p++) {
      const { records: got } = await client.fetchAll(topic, p, codecs.codecs.decompress)
      for (const r of got) {
        compressions.add(r.batch.compression)
        records.push({
          partition: p,
          offset: r.offset,
          key: r.key,
          value: r.value,
          headers: r.headers,
          timestamp: r.timestamp,
          batch: { baseOffset: r.batch.baseOffset, compression: r.batch.compression },
        })
      }
    }
    return { records, compressions }
  } finally {
    client.close()
  }
}

/** Timestamps to ask ListOffsets about, and the offsets Kafka's semantics give for them. */
function timeQueries(stored: readonly ReadRecord[]): {
  times: Record<number, number>
  expected: Record<number, number | null>
  batchOf: Record<number, ReadRecord['batch']>
} {
  const times: Record<number, number> = {}
  const expected: Record<number, number | null> = {}
  const batchOf: Record<number, ReadRecord['batch']> = {}
  for (const [p, recs] of byPartition(stored, PARTITIONS).entries()) {
    if (recs.length === 0) continue
    // A timestamp from the middle of the partition: the answer is the first offset whose
    // timestamp is at or after it.
    const target = recs[Math.floor(recs.length / 2)]!.timestamp!
    times[p] = target
    const first = recs.find((r) => r.timestamp! >= target)
    expected[p] = first === undefined ? null : first.offset
    batchOf[p] = first?.batch
  }
  return { times, expected, batchOf }
}

async function checkOffsets(_t: TestContext, driver: ClientDriver, bootstrap: string, run: Produced, when: string): Promise<void> {
  const perPartition = byPartition(run.samples, PARTITIONS).map((s) => s.length)
  const q = timeQueries(run.stored)
  const res = await driver.offsets(bootstrap, run.topic, PARTITIONS, q.times)
  for (let p = 0; p < PARTITIONS; p++) {
    assert.equal(Number(res.earliest[p]), 0, `${driver.name} ${run.codec} ${when}: earliest offset of partition ${p}`)
    assert.equal(Number(res.latest[p]), perPartition[p], `${driver.name} ${run.codec} ${when}: latest offset of partition ${p}`)
    if (q.times[p] !== undefined) {
      const raw = res.times[p]
      const got = raw === null || raw === undefined ? null : Number(raw)
      assert.equal(got, q.expected[p], `${driver.name} ${run.codec} ${when}: offset for timestamp ${q.times[p]} in partition ${p}`)
    }
  }
  // A timestamp after every record finds nothing.
  const future = await driver.offsets(bootstrap, run.topic, PARTITIONS, { 0: Date.now() + 3_600_000 })
  assert.equal(future.times[0] ?? null, null, `${driver.name} ${run.codec} ${when}: a future timestamp must find no offset`)
}

/**
 * Runs the whole round trip for one client. The broker is restarted once, after every codec's
 * data was written and checked, and then every topic is read and listed again.
 */
export async function runRoundTrip(t: TestContext, broker: TestBroker, driver: ClientDriver): Promise<void> {
  const runs: Produced[] = []
  const codecs = loadCodecs()
  if (codecs.codecs === null) throw new Error(codecs.why)
  for (const codec of driver.codecs) {
    // Each check is its own subtest, so a known problem marked `todo` hides nothing else.
    await t.test(codec, async (ct) => {
      const topic = `${driver.name}-${codec}`.replace(/[^a-zA-Z0-9._-]/g, '-')
      let samples = makeSamples({ label: `${driver.name}-${codec}`, count: driver.count ?? 60, partitions: PARTITIONS, kind: driver.kind })
      if (driver.prepare !== undefined) samples = driver.prepare(samples, codec)
      let raw: Awaited<ReturnType<typeof readTopicRaw>> | undefined

      await ct.test('create topic and produce; acks name contiguous offsets per partition', async () => {
        await driver.createTopic(broker.bootstrap, topic, PARTITIONS)
        const acks = await driver.produce(broker.bootstrap, topic, codec, samples)
        if (acks === null) return
        assert.equal(acks.length, samples.length, 'one ack per record')
        const next = [0, 0, 0]
        for (const [i, a] of acks.entries()) {
          assert.equal(a.partition, samples[i]!.partition, `record ${i} acked on partition ${a.partition}, sent to ${samples[i]!.partition}`)
          assert.equal(a.offset, next[a.partition], `record ${i} acked at offset ${a.offset} of partition ${a.partition}, expected ${next[a.partition]}`)
          next[a.partition]!++
        }
      })

      await ct.test("the test's own Fetch reader gets every record byte-exact, in order", async () => {
        raw = await readTopicRaw(broker.bootstrap, topic, PARTITIONS)
        assertSameRecords(raw.records, samples, PARTITIONS, { what: `${driver.name} ${codec} (raw fetch)`, timestamps: driver.setsTimestamps })
      })

      await ct.test(`stored batches are ${codec}-compressed as the client sent them`, async () => {
        assert.ok(raw !== undefined, 'no data read')
        const want = Compression[codec as keyof typeof Compression]
        if (raw.compressions.has(want)) return
        assert.fail(`${driver.name} ${codec}: stored batches have compression ${[...raw.compressions].join(',')}, expected ${want}`)
      })

      await ct.test(`${driver.name} reads every record back byte-exact, in order`, async () => {
        const read = await driver.consume(broker.bootstrap, topic, PARTITIONS, samples.length)
        assertSameRecords(read, samples, PARTITIONS, { what: `${driver.name} ${codec} (client read)`, timestamps: driver.setsTimestamps })
      })

      const run = { topic, codec, samples, stored: raw?.records ?? [] }
      await ct.test('list offsets: earliest, latest, by timestamp', async (st) => {
        assert.ok(raw !== undefined, 'no data read')
        await checkOffsets(st, driver, broker.bootstrap, run, 'before restart')
      })
      if (raw !== undefined) runs.push(run)
    })
  }

  await t.test('broker restart on the same data directory', async (rt) => {
    await rt.test('restart', async () => {
      assert.ok(runs.length > 0, 'no codec round trip succeeded before the restart')
      await broker.restart()
    })
    for (const run of runs) {
      await rt.test(`${run.codec}: the test's own reader gets the same records, offsets and timestamps`, async () => {
        const raw = await readTopicRaw(broker.bootstrap, run.topic, PARTITIONS)
        assertSameRecords(raw.records, run.samples, PARTITIONS, { what: `${driver.name} ${run.codec} after restart (raw fetch)` })
        assert.deepEqual(
          raw.records.map((r) => r.timestamp),
          run.stored.map((r) => r.timestamp),
          `${driver.name} ${run.codec}: timestamps changed across the restart`,
        )
      })
      await rt.test(`${run.codec}: ${driver.name} reads the same records`, async () => {
        const read = await driver.consume(broker.bootstrap, run.topic, PARTITIONS, run.samples.length)
        assertSameRecords(read, run.samples, PARTITIONS, { what: `${driver.name} ${run.codec} after restart (client read)` })
      })
      await rt.test(`${run.codec}: list offsets`, async (st) => {
        await checkOffsets(st, driver, broker.bootstrap, run, 'after restart')
      })
    }
  })
}
