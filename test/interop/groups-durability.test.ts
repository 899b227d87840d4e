// Durability of __consumer_offsets: a broker killed with SIGKILL right after acknowledging
// offset commits and a KIP-848 member's join (ConsumerGroupHeartbeat) comes back on
// the same data directory with every acknowledged commit and the group's members and epochs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ROOT } from './groups-helpers.js'

async function spawnBroker(dir: string): Promise<{ child: ChildProcess; bootstrap: string; port: number }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'samsa.js'), 'start', '--log.dirs', dir, '--listeners', 'PLAINTEXT://127.0.0.1:0', '--num.partitions', '3'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const deadline = Date.now() + 15_000
  while (!/listening on (\S+)/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  const bootstrap = /listening on (\S+)/.exec(err)?.[1]
  if (bootstrap === undefined) {
    child.kill('SIGKILL')
    throw new Error(`broker did not start:\n${err}`)
  }
  return { child, bootstrap, port: Number(bootstrap.split(':').pop()) }
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('close', () => resolve())
    child.kill('SIGKILL')
  })
}

test('acknowledged commits and KIP-848 membership survive kill -9', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-groups-durable-'))
  let broker = await spawnBroker(dir)
  try {
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'samsa-test', logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: 'durable', numPartitions: 3 }] })
    await admin.disconnect()
    // Standalone commits (generation -1), each acknowledged before the next; the last right before the kill.
    const raw = await RawConnection.connect(broker.port)
    for (let i = 1; i <= 20; i++) {
      const r = await raw.request(ApiKey.OffsetCommit, 8, {
        groupId: 'durable-group',
        generationIdOrMemberEpoch: -1,
        memberId: '',
        topics: [
          {
            name: 'durable',
            partitions: [0, 1, 2].map((p) => ({ partitionIndex: p, committedOffset: BigInt(i * (p + 1)), committedMetadata: `commit ${i}` })),
          },
        ],
      })
      assert.deepEqual(
        r.topics[0].partitions.map((p: { errorCode: number }) => p.errorCode),
        [0, 0, 0],
      )
    }

    // A KIP-848 member joins through the raw protocol.
    const joined = await raw.request(ApiKey.ConsumerGroupHeartbeat, 0, {
      groupId: 'kip848-durable',
      memberId: '',
      memberEpoch: 0,
      rebalanceTimeoutMs: 30000,
      subscribedTopicNames: ['durable'],
      topicPartitions: [],
    })
    assert.equal(joined.errorCode, 0)
    assert.equal(joined.assignment.topicPartitions[0].partitions.length, 3)
    raw.close()

    await kill(broker.child)
    broker = await spawnBroker(dir)

    const kafka2 = new Kafka({ brokers: [broker.bootstrap], clientId: 'samsa-test', logLevel: logLevel.NOTHING })
    const admin2 = kafka2.admin()
    await admin2.connect()
    const offsets = await admin2.fetchOffsets({ groupId: 'durable-group', topics: ['durable'] })
    await admin2.disconnect()
    assert.deepEqual(offsets[0]!.partitions.map((p) => [p.partition, p.offset]).sort(), [
      [0, '20'],
      [1, '40'],
      [2, '60'],
    ])

    const raw2 = await RawConnection.connect(broker.port)
    const described = await raw2.request(ApiKey.ConsumerGroupDescribe, 0, { groupIds: ['kip848-durable'] })
    const g = described.groups[0]
    assert.equal(g.errorCode, 0)
    assert.equal(g.members.length, 1)
    assert.equal(g.members[0].memberId, joined.memberId)
    assert.equal(g.members[0].memberEpoch, joined.memberEpoch)
    assert.equal(g.members[0].assignment.topicPartitions[0].partitions.length, 3)
    // The member goes on heartbeating with its epoch as if nothing happened.
    const hb = await raw2.request(ApiKey.ConsumerGroupHeartbeat, 0, { groupId: 'kip848-durable', memberId: joined.memberId, memberEpoch: joined.memberEpoch })
    assert.equal(hb.errorCode, 0)
    assert.equal(hb.memberEpoch, joined.memberEpoch)
    raw2.close()
  } finally {
    await kill(broker.child)
    rmSync(dir, { recursive: true, force: true })
  }
})
