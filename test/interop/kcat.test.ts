/**
 * kcat 1.7 (librdkafka 2.0.2): metadata (-L -J), produce per partition with every codec (-P -p -z,
 * keys with -K, headers with -H), consume each partition from the beginning without a group
 * (-C -p -o beginning -e), offsets by time (-Q), restart. kcat cannot create topics, so the test
 * creates them with its own CreateTopics request.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { requireTool, tools } from '../support/env.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { runOk } from '../support/process.js'
import { TestClient } from '../support/raw-client.js'
import { byPartition, type ReadRecord, type Sample } from '../support/dataset.js'
import { runRoundTrip, type ClientDriver, type OffsetsResult } from '../support/scenario.js'

const skip = requireTool(tools.kcat())
let broker: TestBroker

before(async () => {
  if (skip === false) broker = await startTestBroker()
})
after(async () => {
  await broker?.close()
})

const kcat = (bootstrap: string, args: string[], input?: string) =>
  runOk('kcat', ['-b', bootstrap, '-X', 'socket.timeout.ms=10000', ...args], { input, timeoutMs: 60_000 })

function parseHeaders(text: string): Array<{ key: string; value: Buffer | null }> {
  if (text === '') return []
  return text.split(',').map((kv) => {
    const i = kv.indexOf('=')
    return { key: kv.slice(0, i), value: Buffer.from(kv.slice(i + 1), 'utf8') }
  })
}

/** `-Q` prints one line per partition: `topic [p] offset N`. */
async function queryOffsets(
  bootstrap: string,
  topic: string,
  partitions: number,
  timestamp: (p: number) => number | undefined,
): Promise<Record<number, number | null>> {
  const args: string[] = ['-Q']
  for (let p = 0; p < partitions; p++) {
    const ts = timestamp(p)
    if (ts !== undefined) args.push('-t', `${topic}:${p}:${ts}`)
  }
  if (args.length === 1) return {}
  const out = (await kcat(bootstrap, args)).stdout.toString()
  const res: Record<number, number | null> = {}
  for (const line of out.split('\n')) {
    const m = /\[(\d+)\]\s+offset\s+(-?\d+)/.exec(line)
    if (m !== null) res[Number(m[1])] = Number(m[2]) < 0 ? null : Number(m[2])
  }
  return res
}

const driver: ClientDriver = {
  name: 'kcat',
  codecs: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
  kind: 'text',
  setsTimestamps: false,
  prepare(samples: Sample[], codec: string): Sample[] {
    // kcat sets the same headers on every message of one run: one run per partition.
    return samples.map((s) => ({
      ...s,
      headers: [
        { key: 'codec', value: Buffer.from(codec) },
        { key: 'partition', value: Buffer.from(String(s.partition)) },
      ],
    }))
  },
  async createTopic(bootstrap, topic, partitions) {
    const c = await TestClient.connect(bootstrap)
    try {
      await c.createTopic(topic, partitions)
    } finally {
      c.close()
    }
  },
  async produce(bootstrap, topic, codec, samples) {
    for (const [p, recs] of byPartition(samples, 3).entries()) {
      const input = recs.map((s) => `${s.key!.toString('utf8')}\t${s.value!.toString('utf8')}\n`).join('')
      const headers = recs[0]!.headers.flatMap((h) => ['-H', `${h.key}=${h.value!.toString('utf8')}`])
      await kcat(
        bootstrap,
        ['-P', '-t', topic, '-p', String(p), '-K', '\t', '-z', codec, '-X', 'linger.ms=20', '-X', 'message.max.bytes=8388608', ...headers],
        input,
      )
    }
    return null
  },
  async consume(bootstrap, topic, partitions) {
    const out: ReadRecord[] = []
    for (let p = 0; p < partitions; p++) {
      // %k and %s are written as raw bytes; fields are split on tab, records end with an
      // explicit marker so a value can never be mistaken for the end of a record.
      const r = await kcat(bootstrap, ['-C', '-t', topic, '-p', String(p), '-o', 'beginning', '-e', '-q', '-f', '%p\t%o\t%T\t%k\t%s\t%h\t<EOR>\n'])
      for (const line of r.stdout.toString('utf8').split('\t<EOR>\n')) {
        if (line === '') continue
        const [part, offset, ts, key, value, headers] = line.split('\t')
        out.push({
          partition: Number(part),
          offset: Number(offset),
          timestamp: Number(ts),
          key: Buffer.from(key!, 'utf8'),
          value: Buffer.from(value!, 'utf8'),
          headers: parseHeaders(headers!),
        })
      }
    }
    return out
  },
  async offsets(bootstrap, topic, partitions, times): Promise<OffsetsResult> {
    const earliest = await queryOffsets(bootstrap, topic, partitions, () => -2)
    const latest = await queryOffsets(bootstrap, topic, partitions, () => -1)
    const byTime = await queryOffsets(bootstrap, topic, partitions, (p) => times[p])
    return { earliest: earliest as Record<number, number>, latest: latest as Record<number, number>, times: byTime }
  },
}

test('kcat metadata lists the broker and a created topic', { skip }, async () => {
  const c = await TestClient.connect(broker.bootstrap)
  await c.createTopic('kcat-metadata', 3)
  c.close()
  const md = JSON.parse((await kcat(broker.bootstrap, ['-L', '-J', '-t', 'kcat-metadata'])).stdout.toString())
  assert.equal(md.brokers.length, 1)
  assert.ok(String(md.brokers[0].name).endsWith(`:${broker.port}`), `broker advertised as ${md.brokers[0].name}, listening on ${broker.bootstrap}`)
  const topic = md.topics.find((x: { topic: string }) => x.topic === 'kcat-metadata')
  assert.ok(topic !== undefined, 'topic listed')
  assert.equal(topic.partitions.length, 3)
  for (const p of topic.partitions) assert.equal(p.leader, md.brokers[0].id)
})

test('kcat round trip', { skip, timeout: 300_000 }, async (t) => {
  await runRoundTrip(t, broker, driver)
})
