/**
 * Opening a partition directory (Kafka's LogLoader): drop stray files, load segments, recover
 * the ones that may hold unflushed data, and rebuild producer state from the latest snapshot
 * plus a header-only replay of the log after it.
 */
import { join } from 'node:path'
import { isControl, lastOffsetOf } from '../protocol/record-batch.js'
import { ControlRecordType, readControlRecord } from '../protocol/control-record.js'
import { unlinkIfExists, type StorageFs } from './file-system.js'
import type { LogConfig } from './log-config.js'
import { readCheckpoint, type LogCheckpoint } from './log-checkpoint.js'
import {
  INDEX_SUFFIX,
  LOG_SUFFIX,
  SNAPSHOT_SUFFIX,
  STRAY_SUFFIXES,
  SWAP_FILE_SUFFIX,
  TIME_INDEX_SUFFIX,
  TXN_INDEX_SUFFIX,
  offsetFilePath,
  parseOffsetFileName,
} from './log-files.js'
import type { StorageLogger } from './logger.js'
import type { OpenFiles } from './open-files.js'
import { deleteSnapshotsAfter, listSnapshots, loadLatestSnapshot } from './producer-snapshot.js'
import type { ProducerStateManager } from './producer-state.js'
import { LogSegment, type SegmentOptions } from './segment.js'
import { LeaderEpochCache, readEpochCheckpoint } from './leader-epoch-cache.js'

export interface LoadedLog {
  segments: LogSegment[]
  logStartOffset: bigint
  recoveryPoint: bigint
  /** What log.checkpoint held, if anything. */
  checkpoint: LogCheckpoint | undefined
  /** Offsets of the producer snapshots in the directory, ascending. */
  snapshots: bigint[]
  /** Base offset of the first segment recovery re-validated: its aborted-transaction indexes are rebuilt. */
  recoveredFrom: bigint | undefined
}

export const segmentOptions = (config: LogConfig, files: OpenFiles): SegmentOptions => ({
  indexIntervalBytes: config.indexIntervalBytes,
  maxIndexSize: config.segmentIndexBytes,
  files,
})

const SEGMENT_SUFFIXES = [LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX] as const

/**
 * Finishes a cleaning that was interrupted after its commit point (Kafka's rule for `.swap`
 * files): a `<base>.log.swap` holds a cleaned segment that replaces every old segment with a
 * base offset in [base, the swap's next offset) - the cleaner makes a cleaned segment end at the
 * same offset as the last segment it replaces. A complete swap (every batch intact) has those
 * old segments deleted and takes their place under the final names, with indexes rebuilt; an
 * incomplete one (it can only be torn by a lost fsync) is dropped and the old segments stay.
 * `.cleaned` files (before the commit point) are removed with the other strays afterwards.
 */
function completeSwaps(fs: StorageFs, dir: string, names: readonly string[], opts: SegmentOptions, logger: StorageLogger): boolean {
  const swapLog = LOG_SUFFIX + SWAP_FILE_SUFFIX
  const swaps = names
    .filter((n) => n.endsWith(swapLog))
    .map((n) => parseOffsetFileName(n.slice(0, -SWAP_FILE_SUFFIX.length), LOG_SUFFIX))
    .filter((b): b is bigint => b !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (const base of swaps) {
    const { segment, truncatedBytes } = LogSegment.open(dir, base, opts, true, SWAP_FILE_SUFFIX)
    const end = segment.nextOffset
    segment.closeSync()
    if (truncatedBytes > 0) {
      logger.error({ dir, baseOffset: base, truncatedBytes }, 'dropping an incomplete swap segment; keeping the segments it was to replace')
      for (const suffix of SEGMENT_SUFFIXES) unlinkIfExists(fs, offsetFilePath(dir, base, suffix + SWAP_FILE_SUFFIX))
      continue
    }
    for (const name of fs.readdirSync(dir)) {
      for (const suffix of SEGMENT_SUFFIXES) {
        const b = parseOffsetFileName(name, suffix)
        if (b !== undefined && b >= base && b < end) unlinkIfExists(fs, join(dir, name))
      }
    }
    for (const suffix of SEGMENT_SUFFIXES) {
      const from = offsetFilePath(dir, base, suffix + SWAP_FILE_SUFFIX)
      try {
        fs.renameSync(from, offsetFilePath(dir, base, suffix))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
    logger.info({ dir, baseOffset: base, nextOffset: end }, 'completed an interrupted segment swap')
  }
  return swaps.length > 0
}

/**
 * Removes leftovers of interrupted deletes/compactions and index files without a .log; returns
 * the segments' base offsets and the producer snapshots' offsets, ascending.
 */
function removeStrayFiles(fs: StorageFs, dir: string, names: readonly string[], logger: StorageLogger): { bases: bigint[]; snapshots: bigint[] } {
  const bases = new Set<string>()
  const snapshots: bigint[] = []
  for (const name of names) if (parseOffsetFileName(name, LOG_SUFFIX) !== undefined) bases.add(name.slice(0, 20))
  for (const name of names) {
    const stray = STRAY_SUFFIXES.some((s) => name.endsWith(s))
    const index = parseOffsetFileName(name, INDEX_SUFFIX) ?? parseOffsetFileName(name, TIME_INDEX_SUFFIX) ?? parseOffsetFileName(name, TXN_INDEX_SUFFIX)
    if (stray || (index !== undefined && !bases.has(name.slice(0, 20)))) {
      logger.info({ dir, file: name }, 'removing stray file')
      unlinkIfExists(fs, join(dir, name))
      continue
    }
    const snapshot = parseOffsetFileName(name, SNAPSHOT_SUFFIX)
    if (snapshot !== undefined) snapshots.push(snapshot)
  }
  return { bases: [...bases].map(BigInt).sort(ascending), snapshots: snapshots.sort(ascending) }
}

const ascending = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

/** Loads the log in `dir`; with `create` the directory is made first if missing. */
export function loadSegments(files: OpenFiles, dir: string, config: LogConfig, hadCleanShutdown: boolean, logger: StorageLogger, create = false): LoadedLog {
  const fs = files.fs
  if (create) fs.mkdirSync(dir)
  const opts = segmentOptions(config, files)
  let names = fs.readdirSync(dir)
  if (completeSwaps(fs, dir, names, opts, logger)) names = fs.readdirSync(dir)
  const { bases, snapshots } = removeStrayFiles(fs, dir, names, logger)
  const checkpoint = readCheckpoint(fs, dir)
  let recoveryPoint = checkpoint?.recoveryPoint ?? 0n
  const segments: LogSegment[] = []
  let recoveredFrom: bigint | undefined
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i]!
    // A segment may hold unflushed data when it reaches past the recovery point.
    const recover = !hadCleanShutdown && (i === bases.length - 1 || bases[i + 1]! > recoveryPoint)
    const { segment, truncatedBytes, rebuilt } = LogSegment.open(dir, base, opts, recover)
    if (recover) recoveredFrom ??= base
    segments.push(segment)
    if (rebuilt && !recover) logger.warn({ dir, baseOffset: base }, 'rebuilt missing or corrupt index')
    if (truncatedBytes > 0) {
      logger.warn({ dir, baseOffset: base, truncatedBytes }, 'truncated torn or corrupt log tail')
      // Everything after a damaged segment is unreachable: offsets must stay contiguous.
      for (const later of bases.slice(i + 1)) {
        for (const suffix of SEGMENT_SUFFIXES) unlinkIfExists(fs, offsetFilePath(dir, later, suffix))
      }
      break
    }
  }
  const startFromCheckpoint = checkpoint?.logStartOffset ?? 0n
  if (segments.length === 0) {
    segments.push(LogSegment.create(dir, startFromCheckpoint, opts))
    recoveredFrom = undefined
  }
  const logEndOffset = segments.at(-1)!.nextOffset
  let logStartOffset = startFromCheckpoint > segments[0]!.baseOffset ? startFromCheckpoint : segments[0]!.baseOffset
  if (logStartOffset > logEndOffset) {
    // The checkpoint is ahead of what survived (data lost in an OS crash): start over there.
    logger.warn({ dir, logStartOffset, logEndOffset }, 'log start offset beyond the log end; starting an empty log')
    for (const s of segments) {
      s.markDeleted()
      void s.deleteFiles()
    }
    segments.length = 0
    segments.push(LogSegment.create(dir, logStartOffset, opts))
    recoveredFrom = undefined
  }
  const leo = segments.at(-1)!.nextOffset
  if (recoveryPoint > leo) recoveryPoint = leo
  if (logStartOffset > leo) logStartOffset = leo
  return { segments, logStartOffset, recoveryPoint, checkpoint, snapshots, recoveredFrom }
}

/** Bytes read to find a control batch's record: its header plus a marker record, with room. */
const CONTROL_READ = 128

/**
 * Loads the newest usable snapshot and replays producer batches after it (headers only; the one
 * record of each control batch too, to tell a commit from an abort). With `rebuildTxnIndexFrom`
 * (recovery re-validated the segments from that base offset on) the snapshot taken is one at or
 * below it, and the aborted-transaction indexes of those segments are rebuilt from the markers
 * replayed: a marker may not have reached the .log that an index entry was written for.
 */
export function replayProducerState(
  fs: StorageFs,
  dir: string,
  segments: readonly LogSegment[],
  state: ProducerStateManager,
  logStartOffset: bigint,
  logEndOffset: bigint,
  snapshots = listSnapshots(fs, dir),
  rebuildTxnIndexFrom?: bigint,
): void {
  deleteSnapshotsAfter(fs, dir, logEndOffset, snapshots)
  const rebuild = rebuildTxnIndexFrom !== undefined && rebuildTxnIndexFrom < logEndOffset ? rebuildTxnIndexFrom : undefined
  const snapshot = loadLatestSnapshot(fs, dir, rebuild ?? logEndOffset, snapshots)
  state.load(snapshot?.entries ?? [])
  const from = snapshot !== undefined && snapshot.offset > logStartOffset ? snapshot.offset : logStartOffset
  if (rebuild !== undefined) for (const s of segments) if (s.baseOffset >= rebuild) s.txnIndex.reset()
  for (const segment of segments) {
    if (segment.nextOffset <= from) continue
    const rebuilding = rebuild !== undefined && segment.baseOffset >= rebuild
    segment.forEachBatchHeader(from, (h, position) => {
      if (h.producerId < 0n || lastOffsetOf(h) < from) return
      if (!isControl(h.attributes)) return state.update(h)
      let control
      try {
        control = readControlRecord(segment.readBytes(position, CONTROL_READ))
      } catch {
        control = undefined
      }
      // An emptied control batch (the cleaner's) or one that does not parse ends nothing.
      if (control === undefined || (control.type !== ControlRecordType.ABORT && control.type !== ControlRecordType.COMMIT)) return state.update(h)
      const txn = state.completeTxn(
        { producerId: h.producerId, producerEpoch: h.producerEpoch, coordinatorEpoch: control.coordinatorEpoch },
        h.baseOffset,
        control.type === ControlRecordType.ABORT,
        h.maxTimestamp,
      )
      if (txn?.isAborted === true && rebuilding)
        segment.txnIndex.append({
          producerId: txn.producerId,
          firstOffset: txn.firstOffset,
          lastOffset: txn.lastOffset,
          lastStableOffset: state.lastStableOffsetAfter(txn),
        })
    })
  }
  state.truncateHead(logStartOffset)
}

/**
 * The partition's leader epochs: its checkpoint, less epochs past the log end, plus any newer
 * epoch the batches above the recovery point carry (the file is written after the batches, so a
 * crash may leave it behind them; below the recovery point it is complete, see PartitionLog.flush).
 * Without a usable checkpoint every batch is scanned. `rewrite` says the file should be written.
 */
export function loadEpochCache(
  fs: StorageFs,
  dir: string,
  segments: readonly LogSegment[],
  logStartOffset: bigint,
  logEndOffset: bigint,
  recoveryPoint: bigint,
): { cache: LeaderEpochCache; rewrite: boolean } {
  const stored = readEpochCheckpoint(fs, dir)
  const cache = new LeaderEpochCache(stored ?? [])
  let rewrite = stored === undefined
  if (cache.truncateFromEnd(logEndOffset)) rewrite = true
  if (cache.truncateFromStart(logStartOffset)) rewrite = true
  const from = stored === undefined ? logStartOffset : recoveryPoint > logStartOffset ? recoveryPoint : logStartOffset
  for (const segment of segments) {
    if (segment.nextOffset <= from) continue
    segment.forEachBatchHeader(from, (h) => {
      if (
        h.partitionLeaderEpoch > cache.latestEpoch &&
        lastOffsetOf(h) >= from &&
        cache.assign(h.partitionLeaderEpoch, h.baseOffset < logStartOffset ? logStartOffset : h.baseOffset)
      )
        rewrite = true
    })
  }
  return { cache, rewrite }
}
