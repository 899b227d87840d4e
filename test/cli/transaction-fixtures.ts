/**
 * What the `samsa transactions` examples assume: a topic `payments` whose partition 0 has a
 * hanging transaction at offset 0 (a transactional batch of a producer no coordinator knows,
 * written an hour ago, as a lost coordinator leaves one), and a transactional id `payments-1`
 * with a committed transaction.
 */
import { Kafka, logLevel } from 'kafkajs'
import type { EmbeddedBroker } from '../../src/index.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'

export async function ensureTransactionFixtures(broker: EmbeddedBroker): Promise<void> {
  const parts = broker.running.broker
  if (parts.metadata.topic('payments') === undefined) {
    await parts.admin.createTopic('payments', { partitions: 1 })
    const p = parts.replicas.leaderPartition('payments', 0)
    if (typeof p === 'number') throw new Error(`payments-0: error ${p}`)
    const hourAgo = BigInt(Date.now() - 3_600_000)
    p.log.append(
      encodeRecordBatch({
        records: [{ key: 'p0', value: 'never ended', timestamp: hourAgo }],
        producerId: 999_999n,
        producerEpoch: 0,
        baseSequence: 0,
        isTransactional: true,
        now: hourAgo,
      }),
      { validateProducer: true },
    )
    await p.log.whenWritten()
  }
  if (parts.transactions.describe('payments-1').errorCode !== 0) {
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'fixtures', logLevel: logLevel.NOTHING })
    const producer = kafka.producer({ transactionalId: 'payments-1', idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    try {
      const t = await producer.transaction()
      await t.send({ topic: 'payments', messages: [{ key: 'p1', value: 'paid' }] })
      await t.commit()
    } finally {
      await producer.disconnect()
    }
  }
}
