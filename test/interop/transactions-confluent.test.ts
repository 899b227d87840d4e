// confluent-kafka-python 1.7 on librdkafka 2.0.2 (InitProducerId v4, AddPartitionsToTxn and
// EndTxn as librdkafka chooses, TxnOffsetCommit v3 with the group's generation, Fetch v11
// read_committed): commit and abort; read_committed sees committed records only, in order;
// consume-transform-produce with send_offsets_to_transaction gives each input exactly once; a
// second producer with the same transactional.id fences the first; a transaction left open past
// transaction.timeout.ms is aborted.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { PYTHON, requireTool, sourcePath, tools } from '../support/env.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { runOk } from '../support/process.js'

const skip = requireTool(tools.confluentKafka())
let broker: TestBroker

before(async () => {
  if (skip === false) broker = await startTestBroker({ 'transaction.abort.timed.out.transaction.cleanup.interval.ms': 200 })
})
after(async () => {
  await broker?.close()
})

async function py(scenario: string, req: object): Promise<any> {
  const r = await runOk(PYTHON, [sourcePath('test/interop/py', 'confluent_txn.py'), scenario], {
    input: JSON.stringify({ bootstrap: broker.bootstrap, ...req }),
    timeoutMs: 120_000,
  })
  const lines = r.stdout.toString().trim().split('\n')
  return JSON.parse(lines[lines.length - 1]!)
}

describe('confluent-kafka-python transactions', { skip }, () => {
  it('commits and aborts; read_committed sees only committed records, in order', async () => {
    await py('topics', { topics: [['ck-ca', 2]] })
    const { committed } = (await py('commit-abort', { id: 'ck-ca', topic: 'ck-ca', partitions: 2, transactions: 6 })) as { committed: Array<[number, string]> }
    const read = (await py('read', { topic: 'ck-ca', partitions: 2, isolation: 'read_committed' })) as { records: Array<[number, number, string]> }
    for (const p of [0, 1]) {
      assert.deepEqual(
        read.records.filter((r) => r[0] === p).map((r) => r[2]),
        committed.filter((c) => c[0] === p).map((c) => c[1]),
        `partition ${p}`,
      )
    }
    const all = (await py('read', { topic: 'ck-ca', partitions: 2, isolation: 'read_uncommitted' })) as { records: unknown[] }
    assert.equal(all.records.length, 36)
  })

  it('consume-transform-produce with send_offsets_to_transaction gives every input exactly once', async () => {
    await py('topics', {
      topics: [
        ['ck-in', 2],
        ['ck-out', 2],
      ],
    })
    // The input: written in transactions too, a third of them aborted (240 committed records).
    const { committed: written } = (await py('commit-abort', { id: 'ck-input', topic: 'ck-in', partitions: 2, transactions: 60 })) as { committed: unknown[] }
    const inputs = (await py('read', { topic: 'ck-in', partitions: 2, isolation: 'read_committed' })) as { records: Array<[number, number, string]> }
    assert.equal(inputs.records.length, written.length)
    const loop = (await py('loop', {
      id: 'ck-loop',
      group: 'ck-loop-group',
      in: 'ck-in',
      out: 'ck-out',
      partitions: 2,
      n: inputs.records.length,
      batch: 17,
      abortEvery: 4,
    })) as { done: number; aborted: number; committed: Record<string, number> }
    assert.equal(loop.done, inputs.records.length)
    assert.ok(loop.aborted > 0, 'some transactions were aborted and redone')
    const out = (await py('read', { topic: 'ck-out', partitions: 2, isolation: 'read_committed' })) as { records: Array<[number, number, string]> }
    assert.deepEqual(out.records.map((r) => r[2]).sort(), inputs.records.map((r) => `${r[2]}!`).sort(), 'each input once, none twice, no aborted one')
    // The committed offsets are past the last input record (markers make them larger than the count).
    for (const p of [0, 1]) {
      const last = Math.max(...inputs.records.filter((r) => r[0] === p).map((r) => r[1]))
      assert.ok(loop.committed[String(p)]! > last, `partition ${p}: committed ${loop.committed[String(p)]} > ${last}`)
    }
  })

  it('a second producer with the same transactional.id fences the first', async () => {
    await py('topics', { topics: [['ck-fence', 1]] })
    const r = (await py('fence', { id: 'ck-fence', topic: 'ck-fence' })) as { firstError: { fatal: boolean; name: string } | null }
    assert.ok(r.firstError !== null, 'the first producer failed')
    assert.ok(r.firstError.fatal, `fatal: ${r.firstError.name}`)
    const read = (await py('read', { topic: 'ck-fence', partitions: 1, isolation: 'read_committed' })) as { records: Array<[number, number, string]> }
    assert.deepEqual(
      read.records.map((x) => x[2]),
      ['from-second'],
    )
  })

  it('a transaction left open past its timeout is aborted', async () => {
    await py('topics', { topics: [['ck-timeout', 1]] })
    const r = (await py('timeout', { id: 'ck-stuck', topic: 'ck-timeout' })) as { stuckCommitError: string | null }
    assert.ok(r.stuckCommitError !== null, 'the timed-out producer cannot commit')
    const read = (await py('read', { topic: 'ck-timeout', partitions: 1, isolation: 'read_committed' })) as { records: Array<[number, number, string]> }
    assert.deepEqual(
      read.records.map((x) => x[2]),
      ['committed-later'],
    )
  })
})
