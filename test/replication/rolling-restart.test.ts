// A rolling restart: each broker in turn stops cleanly (SIGTERM: Kafka's controlled shutdown
// moves its leadership to another in-sync replica first) and starts again, while an idempotent
// kafkajs producer sends acks=all to three partitions led by all three brokers. The client sees
// nothing beyond retriable errors (it retries them; no send fails), and every acknowledged
// record is in its partition exactly once, in the order it was acknowledged.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { createTopic, readPartition, waitInSync } from '../support/replication.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined
const PARTITIONS = 3

test('a rolling restart under acks=all load: no send fails, nothing acknowledged is lost or doubled', { skip, timeout: 300_000 }, async (t) => {
  const c = cluster!
  await createTopic(c, 'rolling', PARTITIONS, 3, { 'min.insync.replicas': '2' })
  // What the client retried, by error (kafkajs logs each failed request at warn or error).
  const retried = new Map<string, number>()
  const kafka = new Kafka({
    clientId: 'rolling-test',
    brokers: c.bootstrap().split(','),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ log }) => {
        const error = (log as { error?: string }).error
        if (error !== undefined) retried.set(error, (retried.get(error) ?? 0) + 1)
      },
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  })
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 } })
  await producer.connect()
  const acked: number[][] = Array.from({ length: PARTITIONS }, () => [])
  const failed: string[] = []
  let stop = false
  const total = (): number => acked.reduce((n, a) => n + a.length, 0)
  const producing = (async () => {
    for (let value = 0; !stop; value++) {
      const partition = value % PARTITIONS
      try {
        await producer.send({ topic: 'rolling', acks: -1, timeout: 10_000, messages: [{ partition, value: String(value) }] })
        acked[partition]!.push(value)
      } catch (err) {
        failed.push(`${value}: ${(err as Error).message}`)
      }
    }
  })()
  const grow = (n: number, what: string) => {
    const target = total() + n
    return eventually(what, () => total() >= target, 60_000)
  }

  try {
    await grow(30, 'the first acknowledgements')
    for (const b of c.brokers) {
      await b.stop()
      assert.match(b.output, /broker stopped/, `broker ${b.id} stopped cleanly`)
      await grow(30, `acknowledgements while broker ${b.id} is down`)
      await b.start()
      for (let p = 0; p < PARTITIONS; p++) await waitInSync(c, 'rolling', p, [1, 2, 3], 60_000)
      await grow(30, `acknowledgements after broker ${b.id} is back`)
    }
  } finally {
    stop = true
    await producing
    await producer.disconnect()
  }
  // kafkajs retries retriable errors only: anything else would have failed a send.
  t.diagnostic(`errors the client retried: ${JSON.stringify([...retried])}`)
  assert.deepEqual(failed, [], `no send failed (retried: ${JSON.stringify([...retried])})`)

  for (let p = 0; p < PARTITIONS; p++) {
    const log = (await readPartition(c, 'rolling', p)).map((r) => Number(r.value!.toString()))
    assert.equal(new Set(log).size, log.length, `partition ${p}: no record twice`)
    const position = new Map(log.map((v, i) => [v, i]))
    assert.deepEqual(
      acked[p]!.filter((v) => !position.has(v)),
      [],
      `partition ${p}: every acknowledged record survived`,
    )
    for (let i = 1; i < acked[p]!.length; i++)
      assert.ok(position.get(acked[p]![i]!)! > position.get(acked[p]![i - 1]!)!, `partition ${p}: in acknowledgement order`)
  }
})
