/**
 * kafkajs 2.2.4: admin createTopics, produce with every codec (snappy, lz4 and zstd registered
 * from the codec devDependencies), offsets through the admin (fetchTopicOffsets,
 * fetchTopicOffsetsByTimestamp), restart. kafkajs reads only through a consumer group, so its own
 * read-back is a fresh group reading from the beginning. Every record is also read back by the
 * test's own Fetch reader.
 */
import { after, before, test } from 'node:test'
import kafkajs from 'kafkajs'
import type { Kafka as KafkaType, Admin, Producer } from 'kafkajs'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { loadCodecs } from '../support/codecs.js'
import { requireTool } from '../support/env.js'
import type { ReadRecord, Sample } from '../support/dataset.js'
import { runRoundTrip, type Ack, type ClientDriver, type OffsetsResult } from '../support/scenario.js'

const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const codecs = loadCodecs()
const skip = requireTool(codecs.why)
if (codecs.codecs !== null) {
  const c = codecs.codecs
  CompressionCodecs[CompressionTypes.Snappy] = () => c.snappy
  CompressionCodecs[CompressionTypes.LZ4] = () => c.lz4
  CompressionCodecs[CompressionTypes.ZSTD] = () => c.zstd
}

const COMPRESSION: Record<string, number> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
}

let broker: TestBroker
let kafka: KafkaType
let admin: Admin
let producer: Producer

before(async () => {
  if (skip !== false) return
  broker = await startTestBroker()
})

after(async () => {
  await producer?.disconnect().catch(() => {})
  await admin?.disconnect().catch(() => {})
  await broker?.close()
})

/** Clients are (re)connected per call: a broker restart must not leave a test on a dead socket. */
async function connect(bootstrap: string): Promise<void> {
  await producer?.disconnect().catch(() => {})
  await admin?.disconnect().catch(() => {})
  kafka = new Kafka({ clientId: 'samsa-kafkajs', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100 } })
  admin = kafka.admin()
  producer = kafka.producer({ allowAutoTopicCreation: false })
  await admin.connect()
  await producer.connect()
}

let groupSeq = 0

const driver: ClientDriver = {
  name: 'kafkajs',
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
  kind: 'binary',
  setsTimestamps: true,
  async createTopic(bootstrap, topic, partitions) {
    await connect(bootstrap)
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true })
    if (!created) throw new Error(`kafkajs: createTopics(${topic}) reported the topic as existing`)
  },
  async produce(_bootstrap, topic, codec, samples: Sample[]): Promise<Ack[]> {
    const acks: Ack[] = []
    // Several sends, so a partition holds several batches.
    for (let from = 0; from < samples.length; from += 12) {
      const chunk = samples.slice(from, from + 12)
      const meta = await producer.send({
        topic,
        acks: 1,
        compression: COMPRESSION[codec],
        messages: chunk.map((s) => ({
          partition: s.partition,
          key: s.key,
          value: s.value,
          timestamp: String(s.timestamp),
          headers: Object.fromEntries(s.headers.map((h) => [h.key, h.value ?? undefined])),
        })),
      })
      const base = new Map(meta.map((m) => [m.partition, Number(m.baseOffset)]))
      const seen = new Map<number, number>()
      for (const s of chunk) {
        const i = seen.get(s.partition) ?? 0
        seen.set(s.partition, i + 1)
        acks.push({ partition: s.partition, offset: base.get(s.partition)! + i })
      }
    }
    return acks
  },
  async consume(_bootstrap, topic, _partitions, expected): Promise<ReadRecord[]> {
    const consumer = kafka.consumer({ groupId: `kafkajs-read-${topic}-${groupSeq++}`, maxWaitTimeInMs: 200, rebalanceTimeout: 10_000, sessionTimeout: 10_000 })
    const out: ReadRecord[] = []
    await consumer.connect()
    try {
      await consumer.subscribe({ topic, fromBeginning: true })
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`kafkajs consumer read ${out.length} of ${expected} records in 30 s`)), 30_000)
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              out.push({
                partition,
                offset: Number(message.offset),
                timestamp: Number(message.timestamp),
                key: message.key,
                value: message.value,
                headers: Object.entries(message.headers ?? {}).map(([k, v]) => ({
                  key: k,
                  value: v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v)),
                })),
              })
              if (out.length >= expected) {
                clearTimeout(timer)
                resolve()
              }
            },
          })
          .catch(reject)
      })
    } finally {
      await consumer.disconnect()
    }
    return out
  },
  async offsets(bootstrap, topic, _partitions, times): Promise<OffsetsResult> {
    await connect(bootstrap)
    const res: OffsetsResult = { earliest: {}, latest: {}, times: {} }
    for (const o of await admin.fetchTopicOffsets(topic)) {
      res.earliest[o.partition] = Number(o.low)
      res.latest[o.partition] = Number(o.high)
    }
    for (const [p, ts] of Object.entries(times)) {
      const got = (await admin.fetchTopicOffsetsByTimestamp(topic, ts)).find((o) => o.partition === Number(p))!
      // kafkajs answers "no offset at or after this time" with the latest offset.
      const offset = Number(got.offset)
      res.times[Number(p)] = offset >= 0 && offset < res.latest[Number(p)]! ? offset : null
    }
    return res
  },
}

test('kafkajs round trip', { skip, timeout: 300_000 }, async (t) => {
  await runRoundTrip(t, broker, driver)
})
