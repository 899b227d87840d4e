import assert from 'node:assert/strict'
import { appendFileSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { readBatchHeader } from '../../src/protocol/record-batch.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { prng } from '../prng.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

async function filledLog(dir: string, batches: number): Promise<{ log: PartitionLog; values: string[] }> {
  const log = await PartitionLog.open(dir, smallConfig())
  const values: string[] = []
  for (let i = 0; i < batches; i++) {
    const vs = [`v${i}a-${'y'.repeat(i % 97)}`, `v${i}b`]
    log.append(batch(vs, { timestamp: BigInt(1000 + i) }), { now: 0n })
    values.push(...vs)
  }
  return { log, values }
}

const files = (dir: string, suffix: string) =>
  readdirSync(dir)
    .filter((n) => n.endsWith(suffix))
    .sort()
const lastLogFile = (dir: string) => join(dir, files(dir, '.log').at(-1)!)

/** Positions of the batches in a .log file. */
function batchPositions(path: string): number[] {
  const buf = readFileSync(path)
  const out: number[] = []
  for (let pos = 0; pos < buf.length; pos += readBatchHeader(buf, pos).batchLength + 12) out.push(pos)
  return out
}

describe('log recovery', () => {
  it('truncates a torn tail (a batch cut mid-way) and keeps appending after it', async () => {
    const dir = tempDir()
    const { log, values } = await filledLog(dir, 100)
    await log.close()
    const path = lastLogFile(dir)
    truncateSync(path, statSync(path).size - 10)
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.equal(reopened.logEndOffset, BigInt(values.length - 2))
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      values.slice(0, -2),
    )
    assert.equal(reopened.append(batch(['new']), { now: 0n }).baseOffset, BigInt(values.length - 2))
    await reopened.close()
  })

  it('drops garbage appended after the last batch', async () => {
    const dir = tempDir()
    const { log, values } = await filledLog(dir, 60)
    await log.close()
    const path = lastLogFile(dir)
    const size = statSync(path).size
    const rnd = prng(4)
    appendFileSync(path, Buffer.from(Array.from({ length: 300 }, () => Math.floor(rnd() * 256))))
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.equal(statSync(path).size, size)
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      values,
    )
    await reopened.close()
  })

  it('truncates from a batch whose CRC no longer matches', async () => {
    const dir = tempDir()
    const { log, values } = await filledLog(dir, 80)
    await log.close()
    const path = lastLogFile(dir)
    const positions = batchPositions(path)
    const victim = positions[Math.floor(positions.length / 2)]!
    const buf = readFileSync(path)
    const firstOffset = readBatchHeader(buf, victim).baseOffset
    buf[victim + 70]! ^= 0xff // inside the records: covered by the CRC
    writeFileSync(path, buf)
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.equal(reopened.logEndOffset, firstOffset)
    assert.equal(statSync(path).size, victim)
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      values.slice(0, Number(firstOffset)),
    )
    await reopened.close()
  })

  it('after an unclean shutdown, corruption in an unflushed older segment drops all later segments', async () => {
    const dir = tempDir()
    const { log } = await filledLog(dir, 150)
    // Like kill -9 before any flush completed: files closed unflushed, recovery point 0.
    await log.closeFiles()
    writeFileSync(join(dir, 'log.checkpoint.tmp'), '')
    rmSync(join(dir, 'log.checkpoint'), { force: true })
    const logs = files(dir, '.log')
    assert.ok(logs.length > 4)
    const victimFile = join(dir, logs[2]!)
    const buf = readFileSync(victimFile)
    const positions = batchPositions(victimFile)
    const victim = positions[1]!
    const lost = readBatchHeader(buf, victim).baseOffset
    buf[victim + 20]! ^= 0x01 // the CRC itself
    writeFileSync(victimFile, buf)
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.equal(reopened.logEndOffset, lost)
    assert.equal(reopened.segmentCount, 3)
    assert.deepEqual(files(dir, '.log'), logs.slice(0, 3))
    await reopened.close()
  })

  it('an unclean shutdown loses nothing that was appended', async () => {
    const dir = tempDir()
    const { log, values } = await filledLog(dir, 120)
    await log.closeFiles() // no flush, no snapshot, no clean marker
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      values,
    )
    await reopened.close()
  })

  for (const hadCleanShutdown of [false, true]) {
    it(`rebuilds missing, torn, emptied or garbage indexes identically (hadCleanShutdown=${hadCleanShutdown})`, async () => {
      const dir = tempDir()
      const { log, values } = await filledLog(dir, 150)
      const lookups = [0n, 500n, 1050n, 1149n, 2000n].map((ts) => log.offsetForTimestamp(ts))
      await log.close()
      const indexes = files(dir, '.index')
      assert.ok(indexes.length > 4)
      const original = new Map(indexes.map((n) => [n, readFileSync(join(dir, n))]))
      assert.ok(
        [...original.values()].some((b) => b.length > 0),
        'indexes have entries',
      )
      const damage = [
        (p: string) => unlinkSync(p),
        (p: string) => truncateSync(p, Math.max(0, statSync(p).size - 3)),
        (p: string) => truncateSync(p, 0),
        (p: string) => writeFileSync(p, Buffer.alloc(statSync(p).size || 16, 0xab)),
      ]
      indexes.forEach((n, i) => {
        if (original.get(n)!.length > 0) damage[i % damage.length]!(join(dir, n))
      })
      for (const n of files(dir, '.timeindex').slice(0, 2)) unlinkSync(join(dir, n))
      const reopened = await PartitionLog.open(dir, smallConfig(), { hadCleanShutdown })
      assert.deepEqual(
        [0n, 500n, 1050n, 1149n, 2000n].map((ts) => reopened.offsetForTimestamp(ts)),
        lookups,
      )
      assert.deepEqual(
        readAll(reopened).map((r) => r.value),
        values,
      )
      // Rebuilt indexes reach their files at the next flush (here the clean close).
      await reopened.close()
      for (const n of indexes) assert.deepEqual(readFileSync(join(dir, n)), original.get(n), `index ${n}`)
    })
  }

  it('removes stray files left by interrupted deletes, cleanings and swaps', async () => {
    const dir = tempDir()
    const { log, values } = await filledLog(dir, 20)
    await log.close()
    const strays = [
      '00000000000000000000.log.deleted',
      '00000000000000000007.log.cleaned',
      '00000000000000000009.log.swap',
      'log.checkpoint.tmp',
      '00000000000000099999.index',
    ]
    for (const s of strays) writeFileSync(join(dir, s), 'junk')
    const reopened = await PartitionLog.open(dir, smallConfig())
    for (const s of strays) assert.ok(!readdirSync(dir).includes(s), s)
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      values,
    )
    await reopened.close()
  })

  it('survives a damaged checkpoint by recovering everything', async () => {
    const dir = tempDir()
    const { log, values } = await filledLog(dir, 50)
    await log.deleteRecordsBefore(4n)
    await log.close()
    writeFileSync(join(dir, 'log.checkpoint'), 'version 1\nlogStartOffset 9\nrecoveryPoint 100\ncrc 0\n')
    const reopened = await PartitionLog.open(dir, smallConfig())
    // The checkpoint is ignored: logStartOffset falls back to the first segment.
    assert.equal(reopened.logStartOffset, reopened.segmentBaseOffsets[0])
    assert.equal(reopened.recoveryPoint, 0n)
    assert.deepEqual(
      readAll(reopened, 4n).map((r) => r.value),
      values.slice(4),
    )
    await reopened.close()
  })
})
