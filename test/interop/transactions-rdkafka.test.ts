// node-rdkafka 3.6 on the system's librdkafka (Debian 12's 2.0.2; .ci/run builds it in
// test/interop/node-rdkafka with BUILD_LIBRDKAFKA=0): its transactional producer and
// read_committed consumer against Samsa. Commit and abort, with read_committed seeing only the
// committed records, in order; consume-transform-produce with sendOffsetsToTransaction, a third
// of the transactions aborted and redone, gives each input exactly once; a second producer with
// the same transactional.id fences the first (a fatal error for it); a transaction left open
// past transaction.timeout.ms is aborted by the broker (Kafka's TransactionCoordinator).
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { after, before, describe, it } from 'node:test'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { requireTool, sourcePath } from '../support/env.js'

type Callback<T = void> = (err: any, value: T) => void
const call = <T = void>(fn: (cb: Callback<T>) => void): Promise<T> => new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))))

let Kafka: any
let unavailable: string | null = null
try {
  Kafka = createRequire(sourcePath('test', 'interop', 'node-rdkafka', 'package.json'))('node-rdkafka')
} catch (err) {
  unavailable = `node-rdkafka unavailable (BUILD_LIBRDKAFKA=0 npm ci --prefix test/interop/node-rdkafka, with librdkafka-dev, g++ and make): ${(err as Error).message.split('\n')[0]}`
}
const skip = requireTool(unavailable)

let broker: TestBroker
before(async () => {
  if (skip === false) broker = await startTestBroker({ 'transaction.abort.timed.out.transaction.cleanup.interval.ms': 200 })
})
after(async () => {
  await broker?.close()
})

async function createTopics(topics: Array<[string, number]>): Promise<void> {
  const admin = Kafka.AdminClient.create({ 'bootstrap.servers': broker.bootstrap })
  try {
    for (const [topic, partitions] of topics) await call((cb) => admin.createTopic({ topic, num_partitions: partitions, replication_factor: 1 }, 30_000, cb))
  } finally {
    admin.disconnect()
  }
}

async function producer(transactionalId: string, config: Record<string, unknown> = {}): Promise<any> {
  const p = new Kafka.Producer({ 'bootstrap.servers': broker.bootstrap, 'transactional.id': transactionalId, 'linger.ms': 5, ...config })
  await call((cb) => p.connect({}, cb))
  await call((cb) => p.initTransactions(30_000, cb))
  return p
}

const disconnect = (client: any): Promise<void> => call((cb) => client.disconnect(cb)).catch(() => {})

interface Read {
  partition: number
  offset: number
  value: string
}

/** Every record of `topic` from the start, as a consumer with `isolation` reads it: until `expected` records came and nothing more for a second. */
async function read(topic: string, partitions: number, isolation: 'read_committed' | 'read_uncommitted', expected: number): Promise<Read[]> {
  const c = new Kafka.KafkaConsumer(
    { 'bootstrap.servers': broker.bootstrap, 'group.id': `reader-${topic}-${isolation}`, 'enable.auto.commit': false, 'isolation.level': isolation },
    {},
  )
  await call((cb) => c.connect({}, cb))
  c.setDefaultConsumeTimeout(200)
  c.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 0 })))
  const out: Read[] = []
  try {
    const deadline = Date.now() + 60_000
    let quietSince = Date.now()
    while (out.length < expected || Date.now() - quietSince < 1000) {
      if (Date.now() > deadline) throw new Error(`read ${topic} (${isolation}): ${out.length} of ${expected} records after 60 s`)
      const messages = await call<any[]>((cb) => c.consume(100, cb))
      if (messages.length > 0) quietSince = Date.now()
      for (const m of messages) out.push({ partition: m.partition, offset: m.offset, value: m.value.toString() })
    }
  } finally {
    await disconnect(c)
  }
  return out
}

describe('node-rdkafka transactions', { skip }, () => {
  it('commits and aborts; read_committed sees only committed records, in order', async () => {
    await createTopics([['rk-ca', 2]])
    const p = await producer('rk-ca')
    const committed: Array<[number, string]> = []
    try {
      for (let i = 0; i < 6; i++) {
        const commit = i % 3 !== 1
        await call((cb) => p.beginTransaction(cb))
        for (const partition of [0, 1]) {
          for (let j = 0; j < 3; j++) {
            const value = `${commit ? 'c' : 'a'}-${i}-${partition}-${j}`
            p.produce('rk-ca', partition, Buffer.from(value))
            if (commit) committed.push([partition, value])
          }
        }
        if (commit) await call((cb) => p.commitTransaction(30_000, cb))
        else {
          // Sent first, so the aborted records are in the log (librdkafka drops unsent ones on abort).
          await call((cb) => p.flush(30_000, cb))
          await call((cb) => p.abortTransaction(30_000, cb))
        }
      }
    } finally {
      await disconnect(p)
    }
    const got = await read('rk-ca', 2, 'read_committed', committed.length)
    for (const partition of [0, 1]) {
      assert.deepEqual(
        got.filter((r) => r.partition === partition).map((r) => r.value),
        committed.filter((c) => c[0] === partition).map((c) => c[1]),
        `partition ${partition}`,
      )
    }
    const all = await read('rk-ca', 2, 'read_uncommitted', 36)
    assert.equal(all.length, 36, 'the aborted records are in the log for read_uncommitted readers')
  })

  it('consume-transform-produce with sendOffsetsToTransaction gives every input exactly once', async () => {
    await createTopics([
      ['rk-in', 2],
      ['rk-out', 2],
    ])
    const input = new Kafka.Producer({ 'bootstrap.servers': broker.bootstrap, 'enable.idempotence': true })
    await call((cb) => input.connect({}, cb))
    const inputs = Array.from({ length: 120 }, (_, i) => `in-${i}`)
    inputs.forEach((value, i) => input.produce('rk-in', i % 2, Buffer.from(value)))
    await call((cb) => input.flush(30_000, cb))
    await disconnect(input)

    const p = await producer('rk-loop')
    const c = new Kafka.KafkaConsumer(
      { 'bootstrap.servers': broker.bootstrap, 'group.id': 'rk-loop-group', 'enable.auto.commit': false, 'isolation.level': 'read_committed' },
      { 'auto.offset.reset': 'earliest' },
    )
    await call((cb) => c.connect({}, cb))
    c.setDefaultConsumeTimeout(300)
    c.subscribe(['rk-in'])
    let done = 0
    let txns = 0
    let aborted = 0
    try {
      const deadline = Date.now() + 90_000
      while (done < inputs.length) {
        if (Date.now() > deadline) throw new Error(`loop: ${done} of ${inputs.length} after 90 s`)
        const messages = await call<any[]>((cb) => c.consume(17, cb))
        if (messages.length === 0) continue
        await call((cb) => p.beginTransaction(cb))
        const positions = new Map<number, number>()
        for (const m of messages) {
          p.produce('rk-out', m.partition, Buffer.from(`${m.value.toString()}!`))
          positions.set(m.partition, m.offset + 1)
        }
        const offsets = [...positions].map(([partition, offset]) => ({ topic: 'rk-in', partition, offset }))
        await call((cb) => p.sendOffsetsToTransaction(offsets, c, 30_000, cb))
        txns++
        if (txns % 3 === 0) {
          await call((cb) => p.flush(30_000, cb))
          await call((cb) => p.abortTransaction(30_000, cb))
          aborted++
          // Back to what the group committed: the aborted batch is read again.
          const committed = await call<any[]>((cb) =>
            c.committed(
              offsets.map(({ topic, partition }) => ({ topic, partition })),
              10_000,
              cb,
            ),
          )
          for (const tp of committed)
            await call((cb) => c.seek({ topic: tp.topic, partition: tp.partition, offset: tp.offset >= 0 ? tp.offset : 0 }, 10_000, cb))
          continue
        }
        await call((cb) => p.commitTransaction(30_000, cb))
        done += messages.length
      }
    } finally {
      await disconnect(c)
      await disconnect(p)
    }
    assert.ok(aborted > 0, 'some transactions were aborted and redone')
    const out = await read('rk-out', 2, 'read_committed', inputs.length)
    assert.deepEqual(out.map((r) => r.value).sort(), inputs.map((v) => `${v}!`).sort(), 'each input once, none twice, no aborted one')
  })

  it('a second producer with the same transactional.id fences the first', async () => {
    await createTopics([['rk-fence', 1]])
    const first = await producer('rk-fence')
    let firstError: any
    try {
      await call((cb) => first.beginTransaction(cb))
      first.produce('rk-fence', 0, Buffer.from('from-first'))
      await call((cb) => first.flush(10_000, cb))
      const second = await producer('rk-fence')
      try {
        first.produce('rk-fence', 0, Buffer.from('late'))
        await call((cb) => first.commitTransaction(10_000, cb)).catch((err) => {
          firstError = err
        })
        await call((cb) => second.beginTransaction(cb))
        second.produce('rk-fence', 0, Buffer.from('from-second'))
        await call((cb) => second.commitTransaction(30_000, cb))
      } finally {
        await disconnect(second)
      }
    } finally {
      await disconnect(first)
    }
    assert.ok(firstError !== undefined, 'the first producer cannot commit')
    assert.equal(firstError.isFatal, true, `fatal: ${firstError.message}`)
    assert.deepEqual(
      (await read('rk-fence', 1, 'read_committed', 1)).map((r) => r.value),
      ['from-second'],
    )
  })

  it('a transaction left open past its timeout is aborted', async () => {
    await createTopics([['rk-timeout', 1]])
    const stuck = await producer('rk-stuck', { 'transaction.timeout.ms': 1000, 'socket.timeout.ms': 1000 })
    let stuckError: any
    try {
      await call((cb) => stuck.beginTransaction(cb))
      stuck.produce('rk-timeout', 0, Buffer.from('never-committed'))
      await call((cb) => stuck.flush(10_000, cb))
      const other = await producer('rk-other')
      try {
        await call((cb) => other.beginTransaction(cb))
        other.produce('rk-timeout', 0, Buffer.from('committed-later'))
        await call((cb) => other.commitTransaction(30_000, cb))
      } finally {
        await disconnect(other)
      }
      // The records after the stuck transaction's are readable once the broker aborted it.
      assert.deepEqual(
        (await read('rk-timeout', 1, 'read_committed', 1)).map((r) => r.value),
        ['committed-later'],
      )
      await call((cb) => stuck.commitTransaction(10_000, cb)).catch((err) => {
        stuckError = err
      })
    } finally {
      await disconnect(stuck)
    }
    assert.ok(stuckError !== undefined, 'the timed-out producer cannot commit')
  })
})
