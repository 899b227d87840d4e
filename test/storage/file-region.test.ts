// Fetches send segment bytes as FileRegions (Kafka's FileRecords slices): found from batch
// headers and the offset index without reading the records, the same bytes read() returns, and
// readable until released even when their segment is deleted or closed meanwhile.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type FileRegion, SharedFile } from '../../src/storage/file-region.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { prng } from '../prng.js'
import { batch, smallConfig, tempDir } from './helpers.js'

function fill(log: PartitionLog, n: number, seed: number): void {
  const rnd = prng(seed)
  for (let i = 0; i < n; i++) {
    const values = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, j) => `b${i}r${j}-` + 'y'.repeat(Math.floor(rnd() * 300)))
    log.append(batch(values), { now: 0n })
  }
}

const bytesOf = (regions: readonly FileRegion[]): Buffer => Buffer.concat(regions.map((r) => r.toBuffer()))

describe('FileRegion', () => {
  it('covers exactly the bytes read() returns, for any offset, size limit and high watermark', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    fill(log, 300, 5)
    const rnd = prng(17)
    const end = Number(log.logEndOffset)
    for (let i = 0; i < 400; i++) {
      const offset = BigInt(Math.floor(rnd() * end))
      const maxBytes = Math.floor(rnd() * (i % 4 === 0 ? 20_000 : 3000))
      const opts = { minOneBatch: rnd() < 0.5, maxOffset: rnd() < 0.5 ? offset + BigInt(Math.floor(rnd() * 40)) : undefined }
      const read = log.read(offset, maxBytes, opts)
      const { regions, bytes } = log.readRegions(offset, maxBytes, opts)
      assert.equal(bytes, read.bytes, `offset ${offset}, maxBytes ${maxBytes}, ${JSON.stringify({ ...opts, maxOffset: String(opts.maxOffset) })}`)
      assert.ok(bytesOf(regions).equals(Buffer.concat(read.records)))
      for (const r of regions) r.release()
    }
    await log.close()
  })

  it('stays readable after its segment is deleted and the log closed, and closes the file once released', async () => {
    const baseline = SharedFile.openCount
    const log = await PartitionLog.open(tempDir(), smallConfig())
    fill(log, 200, 9)
    const { regions } = log.readRegions(0n, 1 << 20, { minOneBatch: true })
    assert.ok(regions.length > 3, 'regions of several segments')
    const expected = Buffer.concat(log.read(0n, 1 << 20, { minOneBatch: true }).records)
    // DeleteRecords drops the first segments (their files unlinked at once: file.delete.delay.ms 0).
    await log.deleteRecordsBefore(log.segmentBaseOffsets[3]!)
    await log.close()
    assert.ok(bytesOf(regions).equals(expected), 'the regions still read the same bytes')
    assert.equal(SharedFile.openCount, baseline + regions.length, 'only the regions hold files open, one each')
    for (const r of regions) r.release()
    for (const r of regions) r.release() // a second release does nothing
    assert.equal(SharedFile.openCount, baseline, 'released regions closed their files')
    assert.throws(() => regions[0]!.copyTo(Buffer.alloc(10), 0, 0, 10))
  })
})
