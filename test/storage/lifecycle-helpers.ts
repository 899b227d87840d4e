import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { readBatchHeader, type CompressionType } from '../../src/protocol/record-batch.js'
import { decodeRecords, encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { LogCleanerManager } from '../../src/storage/cleaner/cleaner-manager.js'
import { logConfig, type LogConfig } from '../../src/storage/log-config.js'
import type { PartitionLog } from '../../src/storage/partition-log.js'

export interface KeyedRecord {
  offset: bigint
  key: string | null
  value: string | null
  timestamp: bigint
}

export interface RawBatch {
  baseOffset: bigint
  lastOffset: bigint
  attributes: number
  baseTimestamp: bigint
  recordCount: number
  producerId: bigint
  baseSequence: number
  bytes: Buffer
}

export const compactConfig = (over: Partial<LogConfig> = {}): LogConfig =>
  logConfig({ segmentBytes: 4096, indexIntervalBytes: 256, fileDeleteDelayMs: 0, cleanupPolicy: ['compact'], ...over })

/** Every batch of the log from logStartOffset, whole, in order. */
export function readBatches(log: PartitionLog): RawBatch[] {
  const out: RawBatch[] = []
  let offset = log.logStartOffset
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, 1 << 20, { minOneBatch: true })
    if (records.length === 0) break
    for (const buf of records) {
      for (let pos = 0; pos < buf.length; ) {
        const h = readBatchHeader(buf, pos)
        const size = h.batchLength + 12
        const lastOffset = h.baseOffset + BigInt(h.lastOffsetDelta)
        out.push({
          baseOffset: h.baseOffset,
          lastOffset,
          attributes: h.attributes,
          baseTimestamp: h.baseTimestamp,
          recordCount: h.recordCount,
          producerId: h.producerId,
          baseSequence: h.baseSequence,
          bytes: Buffer.from(buf.subarray(pos, pos + size)),
        })
        offset = lastOffset + 1n
        pos += size
      }
    }
  }
  return out
}

/** Every record of the log from logStartOffset, decoded (compressed batches inflated). */
export function readRecords(log: PartitionLog): KeyedRecord[] {
  const out: KeyedRecord[] = []
  for (const b of readBatches(log)) {
    for (const r of decodeRecords(b.bytes)) {
      out.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, timestamp: r.timestamp })
    }
  }
  return out
}

/** The last record of each key in `records` (what a full read of a compacted log must give). */
export function latestByKey(records: readonly KeyedRecord[]): Map<string, KeyedRecord> {
  const m = new Map<string, KeyedRecord>()
  for (const r of records) if (r.key !== null) m.set(r.key, r)
  return m
}

export interface Written {
  /** Every record as appended, with its offset. */
  records: KeyedRecord[]
}

/**
 * Appends `batches` batches of `perBatch` records over `keys` keys; every `tombstoneEvery`-th
 * record is a tombstone (0 = none). Timestamps start at `ts` and grow by 1 per record.
 */
export function fill(
  log: PartitionLog,
  opts: {
    batches: number
    perBatch: number
    keys: number
    tombstoneEvery?: number
    compression?: CompressionType | ((i: number) => CompressionType)
    ts?: bigint
    seed?: number
  },
): Written {
  const records: KeyedRecord[] = []
  let n = opts.seed ?? 0
  let ts = opts.ts ?? 1_000_000n
  for (let i = 0; i < opts.batches; i++) {
    const batch: { key: string; value: string | null; timestamp: bigint }[] = []
    for (let j = 0; j < opts.perBatch; j++, n++) {
      const key = `key-${(n * 7919) % opts.keys}`
      const tomb = opts.tombstoneEvery !== undefined && opts.tombstoneEvery > 0 && n % opts.tombstoneEvery === 0
      batch.push({ key, value: tomb ? null : `value-${n}-${'x'.repeat(n % 13)}`, timestamp: ts++ })
    }
    const compression = typeof opts.compression === 'function' ? opts.compression(i) : (opts.compression ?? 'none')
    const r = log.append(encodeRecordBatch({ records: batch, compression }))
    batch.forEach((b, j) => records.push({ offset: r.baseOffset + BigInt(j), key: b.key, value: b.value, timestamp: b.timestamp }))
  }
  return { records }
}

export function cleanerFor(...logs: PartitionLog[]): LogCleanerManager {
  return new LogCleanerManager(() => logs, { sliceMs: 2 }, { debug() {}, info() {}, warn() {}, error() {} })
}

/** A copy of a directory, removed when the test file finishes. */
export function copyDir(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'samsa-copy-'))
  // Without the files of deleted segments: their unlinks run in the background and one may
  // vanish while it is being copied.
  cpSync(dir, copy, { recursive: true, filter: (src) => !src.endsWith('.deleted') })
  after(() => rmSync(copy, { recursive: true, force: true }))
  return copy
}
