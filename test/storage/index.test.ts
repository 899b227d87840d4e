import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { readBatchHeader } from '../../src/protocol/record-batch.js'
import { OffsetIndex } from '../../src/storage/offset-index.js'
import { LogSegment } from '../../src/storage/segment.js'
import { TimeIndex } from '../../src/storage/time-index.js'
import { prng } from '../prng.js'
import { batch, tempDir } from './helpers.js'

describe('OffsetIndex', () => {
  it('finds the largest entry <= target like a linear scan, and persists', async () => {
    const dir = tempDir()
    const path = join(dir, '00000000000000001000.index')
    const index = new OffsetIndex(path, 1000n, 8 * 500, 1 << 30)
    const rnd = prng(2)
    const entries: [bigint, number][] = []
    let offset = 1000n
    let position = 0
    for (let i = 0; i < 400; i++) {
      offset += BigInt(1 + Math.floor(rnd() * 20))
      position += 1 + Math.floor(rnd() * 5000)
      index.append(offset, position)
      entries.push([offset, position])
    }
    const linear = (t: bigint) => {
      let best: [bigint, number] = [1000n, 0]
      for (const e of entries) if (e[0] <= t) best = e
      return { offset: best[0], position: best[1] }
    }
    for (let t = 990n; t < offset + 10n; t += 3n) assert.deepEqual(index.lookup(t), linear(t), `target ${t}`)
    // Entries reach the file at a flush, as Kafka's mmapped index reaches the disk.
    assert.equal(existsSync(path), false)
    await index.flush()
    assert.equal(readFileSync(path).length, 400 * 8)
    index.close()
    const reloaded = new OffsetIndex(path, 1000n, 8 * 500, 1 << 30)
    assert.equal(reloaded.loadError, null)
    assert.equal(reloaded.entries, 400)
    assert.deepEqual(reloaded.lookup(entries[200]![0]), { offset: entries[200]![0], position: entries[200]![1] })
    reloaded.truncateTo(entries[100]![0])
    assert.equal(reloaded.entries, 100)
    assert.equal(reloaded.lastOffset, entries[99]![0])
    await reloaded.flush()
    assert.equal(readFileSync(path).length, 100 * 8)
    reloaded.close()
  })

  it('reports full at segment.index.bytes and rejects inconsistent files', () => {
    const dir = tempDir()
    const path = join(dir, '00000000000000000000.index')
    const index = new OffsetIndex(path, 0n, 8 * 3, 1 << 30)
    for (let i = 1; i <= 3; i++) index.append(BigInt(i), i * 100)
    assert.ok(index.isFull)
    index.close()
    writeFileSync(path, Buffer.from([0, 0, 0, 5, 0, 0, 1, 0, 0, 0, 0, 4, 0, 0, 2, 0])) // offsets decrease
    const bad = new OffsetIndex(path, 0n, 1024, 1 << 30)
    assert.match(bad.loadError!, /not increasing/)
    assert.equal(bad.entries, 0)
    bad.close()
    writeFileSync(path, Buffer.from([0, 0, 0, 5, 0, 0, 1, 0]))
    const pastEnd = new OffsetIndex(path, 0n, 1024, 100) // position 256 beyond a 100-byte log
    assert.match(pastEnd.loadError!, /out of range/)
    pastEnd.close()
  })
})

describe('TimeIndex', () => {
  it('keeps only increasing timestamps and looks up the floor entry', () => {
    const dir = tempDir()
    const index = new TimeIndex(join(dir, '00000000000000000010.timeindex'), 10n, 12 * 100)
    index.maybeAppend(100n, 12n)
    index.maybeAppend(90n, 15n) // not larger: skipped
    index.maybeAppend(200n, 20n)
    index.maybeAppend(300n, 30n)
    assert.equal(index.entries, 3)
    assert.deepEqual(index.lookup(50n), { timestamp: -1n, offset: 10n })
    assert.deepEqual(index.lookup(100n), { timestamp: 100n, offset: 12n })
    assert.deepEqual(index.lookup(299n), { timestamp: 200n, offset: 20n })
    assert.deepEqual(index.lastEntry, { timestamp: 300n, offset: 30n })
    index.truncateTo(20n)
    assert.deepEqual(index.lastEntry, { timestamp: 100n, offset: 12n })
    index.close()
  })
})

describe('LogSegment', () => {
  it('translates offsets through the sparse index exactly like a linear scan', async () => {
    const dir = tempDir()
    const segment = LogSegment.create(dir, 500n, { indexIntervalBytes: 300, maxIndexSize: 1 << 20 })
    const rnd = prng(8)
    let next = 500n
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(rnd() * 4)
      const b = batch(Array.from({ length: n }, (_, j) => 'z'.repeat(Math.floor(rnd() * 150)) + j))
      b.writeBigInt64BE(next, 0)
      segment.append(b)
      next += BigInt(n)
    }
    assert.equal(segment.nextOffset, next)
    assert.ok(segment.offsetIndex.entries > 50, `${segment.offsetIndex.entries} index entries`)
    const file = readFileSync(join(dir, '00000000000000000500.log'))
    const batches: { position: number; base: bigint; last: bigint }[] = []
    for (let pos = 0; pos < file.length; ) {
      const h = readBatchHeader(file, pos)
      batches.push({ position: pos, base: h.baseOffset, last: h.baseOffset + BigInt(h.lastOffsetDelta) })
      pos += h.batchLength + 12
    }
    for (let o = 490n; o < next + 3n; o++) {
      const linear = batches.find((b) => b.last >= o)
      const found = segment.translateOffset(o)
      assert.equal(found?.position, linear?.position, `offset ${o}`)
    }
    await segment.close()
  })
})
