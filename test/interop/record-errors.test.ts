// Issue 17 item 3: a produce to a compacted topic whose batch of 100 records holds 10 without a
// key is refused with INVALID_RECORD and record_errors naming every one of the 10, as Kafka's
// LogValidator does (validateKey for every record, processRecordErrors; KIP-467), seen through a
// real client: @platformatic/kafka reads record_errors from Produce v11. (librdkafka >= 2.5 then
// fails only those 10 with INVALID_RECORD and the rest with _INVALID_DIFFERENT_RECORD; CI's
// librdkafka 2.0.2 predates that and fails all 100.)
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Admin, Producer } from '@platformatic/kafka'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'

let broker: EmbeddedBroker
before(async () => {
  broker = await startBroker({ port: 0 })
})
after(async () => {
  await broker?.close()
})

test('every keyless record of a batch to a compacted topic is listed in record_errors', async () => {
  const base = { clientId: 'samsa-record-errors', bootstrapBrokers: [broker.bootstrap], retries: 0 }
  const admin = new Admin(base)
  await admin.createTopics({ topics: ['compacted'], partitions: 1, replicas: 1, configs: [{ name: 'cleanup.policy', value: 'compact' }] })
  await admin.close()
  const producer = new Producer(base)
  try {
    const messages = Array.from({ length: 100 }, (_, i) => ({
      topic: 'compacted',
      partition: 0,
      key: i % 10 === 3 ? undefined : Buffer.from(`k${i}`),
      value: Buffer.from(`v${i}`),
    }))
    const err = await producer.send({ messages }).then(
      () => null,
      (e: unknown) => e,
    )
    assert.ok(err !== null, 'the produce fails')
    const responseError = (err as { errors?: Array<{ response?: any }> }).errors?.find((e) => e.response !== undefined)
    assert.ok(responseError !== undefined, `a ResponseError in ${String(err)}`)
    const partition = responseError.response.responses[0].partitionResponses[0]
    assert.equal(partition.errorCode, 87, 'INVALID_RECORD')
    assert.deepEqual(
      partition.recordErrors.map((e: { batchIndex: number }) => e.batchIndex),
      [3, 13, 23, 33, 43, 53, 63, 73, 83, 93],
    )
    for (const e of partition.recordErrors) {
      assert.equal(e.batchIndexErrorMessage, 'Compacted topic cannot accept message without key in topic partition compacted-0.')
    }
    assert.match(partition.errorMessage, /rejected due to 10 record errors in total/)
    // Nothing of the batch was written: a batch is all or nothing.
    const ok = await producer.send({ messages: messages.filter((m) => m.key !== undefined) })
    assert.deepEqual(
      ok.offsets?.map((o) => o.offset),
      [0n],
      'the good records start at offset 0',
    )
  } finally {
    await producer.close()
  }
})
