/**
 * Producer state snapshots: `<20-digit offset>.snapshot` holds the state of every producer after
 * all batches below that offset. Our own binary format (Kafka's differs), CRC-protected so a torn
 * write is detected and the snapshot ignored:
 *
 *   "SPS2" | crc32c(rest) uint32 | count int32 | entries
 *   entry: producerId int64 | epoch int16 | lastTimestamp int64 | currentTxnFirstOffset int64 |
 *          coordinatorEpoch int32 | n int8 |
 *          n x (firstSeq int32 | lastSeq int32 | firstOffset int64 | lastOffset int64 | timestamp int64)
 *
 * "SPS1" (before transactions) has no currentTxnFirstOffset and coordinatorEpoch; it is still read.
 */
import { crc32c } from '@node-rs/crc32'
import { unlinkIfExists, writeFileSync, type StorageFs } from './file-system.js'
import { SNAPSHOT_SUFFIX, offsetFilePath, parseOffsetFileName } from './log-files.js'
import type { ProducerStateEntry } from './producer-state.js'

const MAGIC = Buffer.from('SPS2')
const MAGIC_V1 = Buffer.from('SPS1')
const BATCH_SIZE = 4 + 4 + 8 + 8 + 8
const ENTRY_HEADER_SIZE = 8 + 2 + 8 + 8 + 4 + 1
const ENTRY_HEADER_SIZE_V1 = 8 + 2 + 8 + 1
/** How many snapshots to keep: older ones only help truncations far back. */
const SNAPSHOTS_TO_KEEP = 2

export function encodeSnapshot(entries: readonly ProducerStateEntry[]): Buffer {
  let size = 12
  for (const e of entries) size += ENTRY_HEADER_SIZE + e.batches.length * BATCH_SIZE
  const buf = Buffer.alloc(size)
  MAGIC.copy(buf, 0)
  buf.writeInt32BE(entries.length, 8)
  let pos = 12
  for (const e of entries) {
    buf.writeBigInt64BE(e.producerId, pos)
    buf.writeInt16BE(e.producerEpoch, pos + 8)
    buf.writeBigInt64BE(e.lastTimestamp, pos + 10)
    buf.writeBigInt64BE(e.currentTxnFirstOffset, pos + 18)
    buf.writeInt32BE(e.coordinatorEpoch, pos + 26)
    buf.writeInt8(e.batches.length, pos + 30)
    pos += ENTRY_HEADER_SIZE
    for (const b of e.batches) {
      buf.writeInt32BE(b.firstSeq, pos)
      buf.writeInt32BE(b.lastSeq, pos + 4)
      buf.writeBigInt64BE(b.firstOffset, pos + 8)
      buf.writeBigInt64BE(b.lastOffset, pos + 16)
      buf.writeBigInt64BE(b.timestamp, pos + 24)
      pos += BATCH_SIZE
    }
  }
  buf.writeUInt32BE(crc32c(buf.subarray(8)) >>> 0, 4)
  return buf
}

/** Decodes a snapshot; undefined when the bytes are torn or corrupt. */
export function decodeSnapshot(buf: Buffer): ProducerStateEntry[] | undefined {
  if (buf.length < 12) return undefined
  const v1 = buf.subarray(0, 4).equals(MAGIC_V1)
  if (!v1 && !buf.subarray(0, 4).equals(MAGIC)) return undefined
  if (buf.readUInt32BE(4) !== crc32c(buf.subarray(8)) >>> 0) return undefined
  const count = buf.readInt32BE(8)
  const headerSize = v1 ? ENTRY_HEADER_SIZE_V1 : ENTRY_HEADER_SIZE
  const entries: ProducerStateEntry[] = []
  let pos = 12
  for (let i = 0; i < count; i++) {
    if (pos + headerSize > buf.length) return undefined
    const n = buf.readInt8(pos + headerSize - 1)
    const e: ProducerStateEntry = {
      producerId: buf.readBigInt64BE(pos),
      producerEpoch: buf.readInt16BE(pos + 8),
      lastTimestamp: buf.readBigInt64BE(pos + 10),
      batches: [],
      currentTxnFirstOffset: v1 ? -1n : buf.readBigInt64BE(pos + 18),
      coordinatorEpoch: v1 ? -1 : buf.readInt32BE(pos + 26),
    }
    pos += headerSize
    if (n < 0 || pos + n * BATCH_SIZE > buf.length) return undefined
    for (let j = 0; j < n; j++) {
      e.batches.push({
        firstSeq: buf.readInt32BE(pos),
        lastSeq: buf.readInt32BE(pos + 4),
        firstOffset: buf.readBigInt64BE(pos + 8),
        lastOffset: buf.readBigInt64BE(pos + 16),
        timestamp: buf.readBigInt64BE(pos + 24),
      })
      pos += BATCH_SIZE
    }
    entries.push(e)
  }
  return pos === buf.length ? entries : undefined
}

/** Snapshot offsets present in `dir`, ascending. */
export function listSnapshots(fs: StorageFs, dir: string): bigint[] {
  const offsets: bigint[] = []
  for (const name of fs.readdirSync(dir)) {
    const offset = parseOffsetFileName(name, SNAPSHOT_SUFFIX)
    if (offset !== undefined) offsets.push(offset)
  }
  return offsets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * Writes the snapshot for `offset` via a temp file and rename, then prunes old ones. No fsync:
 * a snapshot that outlives its log data after an OS crash lies beyond the recovered log end and
 * is discarded on load; a torn one fails its CRC.
 */
export function writeSnapshot(fs: StorageFs, dir: string, offset: bigint, entries: readonly ProducerStateEntry[]): void {
  const path = offsetFilePath(dir, offset, SNAPSHOT_SUFFIX)
  writeFileSync(fs, path + '.tmp', encodeSnapshot(entries))
  fs.renameSync(path + '.tmp', path)
  const all = listSnapshots(fs, dir)
  for (const old of all.slice(0, Math.max(0, all.length - SNAPSHOTS_TO_KEEP))) unlinkIfExists(fs, offsetFilePath(dir, old, SNAPSHOT_SUFFIX))
}

/** Deletes snapshots with offset > `offset` (after a truncation or an unclean shutdown). */
export function deleteSnapshotsAfter(fs: StorageFs, dir: string, offset: bigint, offsets = listSnapshots(fs, dir)): void {
  for (const o of offsets) if (o > offset) unlinkIfExists(fs, offsetFilePath(dir, o, SNAPSHOT_SUFFIX))
}

/** Deletes snapshots with offset < `offset` (the log head moved past them). */
export function deleteSnapshotsBefore(fs: StorageFs, dir: string, offset: bigint): void {
  for (const o of listSnapshots(fs, dir)) if (o < offset) unlinkIfExists(fs, offsetFilePath(dir, o, SNAPSHOT_SUFFIX))
}

/** The newest readable snapshot at or below `maxOffset`; unreadable ones are deleted. */
export function loadLatestSnapshot(
  fs: StorageFs,
  dir: string,
  maxOffset: bigint,
  all = listSnapshots(fs, dir),
): { offset: bigint; entries: ProducerStateEntry[] } | undefined {
  const offsets = all.filter((o) => o <= maxOffset)
  for (let i = offsets.length - 1; i >= 0; i--) {
    const path = offsetFilePath(dir, offsets[i]!, SNAPSHOT_SUFFIX)
    const entries = decodeSnapshot(fs.readFileSync(path))
    if (entries !== undefined) return { offset: offsets[i]!, entries }
    unlinkIfExists(fs, path)
  }
  return undefined
}
