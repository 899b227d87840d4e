// fetch.max.bytes caps a fetch response below the request's own max_bytes, and the first batch
// still comes back whole (Kafka's KafkaApis.handleFetchRequest and KIP-74).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'

test('a fetch returns at most fetch.max.bytes, and at least one batch', async () => {
  const broker = await startBroker({ port: 0, config: { 'fetch.max.bytes': 2048 } })
  const c = await RawConnection.connect(broker.port)
  try {
    await broker.running.broker.admin.createTopic('f', { partitions: 1 })
    for (let i = 0; i < 4; i++) {
      const batch = encodeRecordBatch({ records: [{ value: 'x'.repeat(1500) }] })
      const r = await c.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 1000, topicData: [{ name: 'f', partitionData: [{ index: 0, records: batch }] }] })
      assert.equal(r.responses[0].partitionResponses[0].errorCode, 0)
    }
    const fetch = async (maxBytes: number): Promise<number> => {
      const f = await c.request(ApiKey.Fetch, 12, {
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes,
        sessionEpoch: -1,
        topics: [{ topic: 'f', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
      })
      return (f.responses[0].partitions[0].records as Buffer).length
    }
    const capped = await fetch(1 << 20)
    assert.ok(capped > 1500 && capped <= 2048, `${capped} bytes: one ~1.5 KB batch, not four`)
    assert.equal(await fetch(100), capped, 'the first batch comes whole even over the limit')
  } finally {
    c.close()
    await broker.close()
  }
})
