// Crash states of a cleaning, built from the files of a real pass: the log before (A) and after
// (B) one group was cleaned, combined the way a kill at each step of the swap leaves them.
import assert from 'node:assert/strict'
import { copyFileSync, existsSync, readdirSync, renameSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { offsetFileName } from '../../src/storage/log-files.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { tempDir } from './helpers.js'
import { cleanerFor, compactConfig, copyDir, fill, readRecords, type KeyedRecord } from './lifecycle-helpers.js'

interface States {
  a: string
  b: string
  recordsA: KeyedRecord[]
  recordsB: KeyedRecord[]
  /** Base offsets in A of the segments the first cleaned group replaced. */
  groupBases: bigint[]
  groupEnd: bigint
}

const name = (base: bigint, suffix: string) => offsetFileName(base, suffix)

async function makeStates(): Promise<States> {
  const dir = tempDir()
  const log = await PartitionLog.open(dir, compactConfig())
  fill(log, { batches: 300, perBatch: 5, keys: 60 })
  await cleanerFor(log).cleanOne(log)
  fill(log, { batches: 300, perBatch: 5, keys: 60, seed: 100_000 })
  await log.flush()
  const a = copyDir(dir)
  const recordsA = readRecords(log)
  const basesA = log.segments.map((s) => s.baseOffset)
  await cleanerFor(log).cleanOne(log)
  await log.flush()
  const b = copyDir(dir)
  const recordsB = readRecords(log)
  const groupEnd = log.segments[1]!.baseOffset
  await log.close()
  const groupBases = basesA.filter((base) => base < groupEnd)
  assert.ok(groupBases.length > 2, `the first group merged ${groupBases.length} segments`)
  return { a, b, recordsA, recordsB, groupBases, groupEnd }
}

async function openRecords(dir: string): Promise<KeyedRecord[]> {
  const log = await PartitionLog.open(dir, compactConfig())
  const records = readRecords(log)
  await log.close()
  const leftovers = readdirSync(dir).filter((n) => /\.(cleaned|swap|deleted)$/.test(n))
  assert.deepEqual(leftovers, [], 'no swap, cleaned or deleted files left')
  return records
}

const s = await makeStates()
const swapped = [...s.recordsB.filter((r) => r.offset < s.groupEnd), ...s.recordsA.filter((r) => r.offset >= s.groupEnd)]

describe('recovery of an interrupted cleaning', () => {
  /** State A plus the cleaned group's files from B under `suffix`. */
  function withCleanedFiles(suffix: string, files: readonly string[] = ['.log', '.index', '.timeindex']): string {
    const dir = copyDir(s.a)
    for (const f of files) copyFileSync(join(s.b, name(0n, f)), join(dir, name(0n, f) + suffix))
    return dir
  }

  it('drops .cleaned files (killed before the commit point): the old segments stay', async () => {
    assert.deepEqual(await openRecords(withCleanedFiles('.cleaned')), s.recordsA)
  })

  it('completes a swap whose .log.swap is there (killed right after the commit point)', async () => {
    assert.deepEqual(await openRecords(withCleanedFiles('.swap')), swapped)
  })

  it('completes a swap killed while renaming the old segments to .deleted', async () => {
    const dir = withCleanedFiles('.swap')
    for (const base of s.groupBases.slice(0, 2)) {
      for (const f of ['.index', '.timeindex', '.log']) renameSync(join(dir, name(base, f)), join(dir, name(base, f) + '.deleted'))
    }
    assert.deepEqual(await openRecords(dir), swapped)
  })

  it('completes a swap killed while renaming the .swap files to their final names', async () => {
    const dir = withCleanedFiles('.swap')
    for (const base of s.groupBases) {
      for (const f of ['.index', '.timeindex', '.log']) renameSync(join(dir, name(base, f)), join(dir, name(base, f) + '.deleted'))
    }
    renameSync(join(dir, name(0n, '.index.swap')), join(dir, name(0n, '.index')))
    assert.deepEqual(await openRecords(dir), swapped)
  })

  it('is done when the .log has its final name (killed before unlinking the old files)', async () => {
    const dir = withCleanedFiles('.swap')
    for (const base of s.groupBases) {
      for (const f of ['.index', '.timeindex', '.log']) renameSync(join(dir, name(base, f)), join(dir, name(base, f) + '.deleted'))
    }
    for (const f of ['.index', '.timeindex', '.log']) renameSync(join(dir, name(0n, f) + '.swap'), join(dir, name(0n, f)))
    assert.deepEqual(await openRecords(dir), swapped)
  })

  it('rebuilds the indexes of a swap that has only its .log', async () => {
    assert.deepEqual(await openRecords(withCleanedFiles('.swap', ['.log'])), swapped)
  })

  it('drops a torn .log.swap and keeps the old segments', async () => {
    const dir = withCleanedFiles('.swap')
    const path = join(dir, name(0n, '.log.swap'))
    truncateSync(path, 100)
    assert.deepEqual(await openRecords(dir), s.recordsA)
    assert.ok(!existsSync(path))
  })
})
