// Retention and DeleteRecords end to end, against a broker started here: whole old segments go,
// the log start offset moves (fetches below it get OFFSET_OUT_OF_RANGE, ListOffsets earliest
// follows it), config changes apply without a restart, and the new start survives a restart.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import {
  RawConnection,
  alterTopicConfigs,
  deleteRecords,
  fetchAt,
  kcatConsume,
  kcatProduce,
  listOffset,
  produce,
  readAll,
  tempDir,
  waitFor,
} from './helpers.js'

const CONFIG = { 'log.retention.check.interval.ms': 100, 'log.cleaner.backoff.ms': 100 }
const DAY = 86_400_000

describe('retention and DeleteRecords end to end', () => {
  const dataDir = tempDir()
  let broker: EmbeddedBroker
  let client: RawConnection
  before(async () => {
    broker = await startBroker({ port: 0, dataDir, config: CONFIG })
    client = await RawConnection.connect(broker.port)
  })
  after(async () => {
    client?.close()
    await broker?.close()
  })

  it('retention.bytes drops whole old segments and moves the log start offset', async () => {
    const topic = 'by-size'
    await broker.running.broker.admin.createTopic(topic, { partitions: 1, configs: { 'segment.bytes': '4096', 'retention.bytes': '20000' } })
    await kcatProduce(
      broker.bootstrap,
      topic,
      Array.from({ length: 2000 }, (_, i) => ({ key: `k${i}`, value: `value-${i}-${'x'.repeat(30)}` })),
    )
    const log = broker.running.broker.replicas.partition(topic, 0)!.log
    // Kafka's rule: whole segments go while the log would still hold retention.bytes without
    // them, so what is left exceeds the limit by less than its oldest segment (batches from the
    // client may make a segment larger than segment.bytes).
    const segmentSizes = (): number[] =>
      readdirSync(log.dir)
        .filter((f) => f.endsWith('.log'))
        .sort()
        .map((f) => statSync(join(log.dir, f)).size)
    const withinRetention = (): boolean => {
      const sizes = segmentSizes()
      return log.logStartOffset > 0n && log.size - (sizes[0] ?? 0) < 20_000
    }
    assert.ok(await waitFor(withinRetention, 15000), `size ${log.size}, segments ${segmentSizes().join(',')}`)
    const earliest = await listOffset(client, topic, -2n)
    assert.equal(earliest.offset, log.logStartOffset)
    assert.equal(earliest.offset, log.segmentBaseOffsets[0])
    const below = await fetchAt(client, topic, 0n)
    assert.equal(below.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
    assert.equal(below.logStartOffset, earliest.offset)
    const consumed = await kcatConsume(broker.bootstrap, topic)
    assert.equal(consumed[0]!.offset, earliest.offset)
    assert.equal(consumed.at(-1)!.offset, 1999n)
  })

  it('retention.ms drops segments whose newest record is older, after IncrementalAlterConfigs lowers it', async () => {
    const topic = 'by-time'
    await broker.running.broker.admin.createTopic(topic, { partitions: 1, configs: { 'segment.bytes': '4096' } })
    const now = Date.now()
    for (let i = 0; i < 100; i++) {
      const ts = BigInt(i < 80 ? now - 3 * DAY : now)
      const records = Array.from({ length: 5 }, (_, j) => ({ key: `k${j}`, value: `v${i}-${j}-${'y'.repeat(40)}`, timestamp: ts }))
      assert.equal((await produce(client, topic, encodeRecordBatch({ records }))).errorCode, 0)
    }
    await new Promise((r) => setTimeout(r, 300))
    assert.equal((await listOffset(client, topic, -2n)).offset, 0n, 'within the default 7 days')
    assert.equal(await alterTopicConfigs(client, topic, { 'retention.ms': String(DAY) }), ErrorCode.NONE)
    assert.ok(await waitFor(async () => (await listOffset(client, topic, -2n)).offset > 0n, 15000))
    const records = await readAll(client, topic)
    // Only whole segments go: the one holding the first recent batch stays with its old records.
    assert.ok(records[0]!.offset <= 400n && records.at(-1)!.offset === 499n)
    assert.equal((await fetchAt(client, topic, 0n)).errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
  })

  it('DeleteRecords moves the low watermark, is persisted and survives a restart', async () => {
    const topic = 'delete-records'
    await broker.running.broker.admin.createTopic(topic, { partitions: 1, configs: { 'segment.bytes': '4096' } })
    await kcatProduce(
      broker.bootstrap,
      topic,
      Array.from({ length: 1000 }, (_, i) => ({ key: `k${i}`, value: `value-${i}-${'z'.repeat(30)}` })),
    )
    const log = broker.running.broker.replicas.partition(topic, 0)!.log
    const segments = log.segmentCount
    const r = await deleteRecords(client, topic, 555n)
    assert.deepEqual(r, { errorCode: ErrorCode.NONE, lowWatermark: 555n })
    assert.ok(log.segmentCount < segments, 'segments below the new start are deleted')
    assert.equal((await listOffset(client, topic, -2n)).offset, 555n)
    assert.equal((await fetchAt(client, topic, 554n)).errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
    assert.equal((await readAll(client, topic))[0]!.offset, 555n)
    assert.equal((await deleteRecords(client, topic, 100n)).lowWatermark, 555n, 'never moves back')
    assert.equal((await deleteRecords(client, topic, 5000n)).errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
    // Restart on the same data: the start offset was checkpointed before the reply.
    client.close()
    await broker.close()
    broker = await startBroker({ port: 0, dataDir, config: CONFIG })
    client = await RawConnection.connect(broker.port)
    assert.equal((await listOffset(client, topic, -2n)).offset, 555n)
    assert.equal((await fetchAt(client, topic, 100n)).errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
    const all = await readAll(client, topic)
    assert.equal(all[0]!.offset, 555n)
    assert.equal(all.length, 1000 - 555)
    // -1 deletes up to the high watermark.
    assert.deepEqual(await deleteRecords(client, topic, -1n), { errorCode: ErrorCode.NONE, lowWatermark: 1000n })
    assert.deepEqual(await readAll(client, topic), [])
  })
})
