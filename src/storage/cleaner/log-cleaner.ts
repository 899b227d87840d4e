/**
 * One cleaning pass over one compacted log (Kafka's Cleaner.doClean), off the request path:
 *
 * 1. The dirty part runs from firstDirtyOffset (the cleaner checkpoint, else logStartOffset) to
 *    firstUncleanableOffset: the active segment's base, or earlier the first segment holding a
 *    record younger than min.compaction.lag.ms. The active segment is never cleaned.
 * 2. Build the offset map (key -> latest offset) over the dirty segments, whole segments at a
 *    time until the map is full (log.cleaner.dedupe.buffer.size); the pass then cleans up to
 *    the end of the last segment mapped (endOffset) and the next pass goes on from there.
 * 3. Rewrite every segment below endOffset - the part cleaned before too, since newer values
 *    and expired tombstones remove records there - in groups of consecutive segments that fit
 *    one segment (segment.bytes, segment.index.bytes, int32 relative offsets). Each group
 *    becomes one `<base>.log.cleaned` segment, fsynced, then swapped in atomically by
 *    PartitionLog.replaceSegments (see there for the crash-safe rename order). A group that
 *    would come out unchanged is not rewritten.
 * 4. Write the cleaner checkpoint: firstDirtyOffset = endOffset, and the earliest delete
 *    horizon of the tombstones kept.
 *
 * The work is sliced: segment files are read with async I/O through their own handles, and the
 * synchronous filtering hands the event loop back every `sliceMs`. Everything that changes the
 * log happens in the synchronous swap, which checks the log still has the segments the group
 * was built from. Offsets never change; see batch-filter.ts for what is kept.
 */
import { performance } from 'node:perf_hooks'
import { StorageError } from '../../errors.js'
import { CLEANED_FILE_SUFFIX } from '../log-files.js'
import { isCompacted } from '../log-config.js'
import type { StorageLogger } from '../logger.js'
import type { PartitionLog } from '../partition-log.js'
import { LogSegment } from '../segment.js'
import { CleanerTxnState, addBatchToMap, filterBatch, type FilterContext } from './batch-filter.js'
import { writeCleanerCheckpoint, type CleanerCheckpoint } from './cleaner-checkpoint.js'
import { OffsetMap } from './offset-map.js'
import { Slicer, readBatches, type FileBatch } from './segment-reader.js'

const INT32_MAX = 0x7fffffffn
/** Bytes of kept batches gathered before one write into the cleaned segment. */
const WRITE_CHUNK = 256 * 1024

export interface CleanerOptions {
  /** log.cleaner.dedupe.buffer.size: memory budget of the offset map. */
  dedupeBufferBytes: number
  /** log.cleaner.io.buffer.size: bytes read from a segment file at a time. */
  ioBufferBytes: number
  /** Longest synchronous stretch before yielding to the event loop. */
  sliceMs: number
  /** log.cleaner.io.max.bytes.per.second, counted on bytes read; Infinity = no limit. */
  ioMaxBytesPerSecond?: number
  logger: StorageLogger
  /** Polled between slices: true stops the pass (shutdown). */
  stopped?: () => boolean
}

export interface CleanableRange {
  firstDirtyOffset: bigint
  firstUncleanableOffset: bigint
  /** Bytes of the segments below firstDirtyOffset. */
  cleanBytes: number
  /** Bytes of the segments in [firstDirtyOffset, firstUncleanableOffset). */
  dirtyBytes: number
  /** dirtyBytes / (cleanBytes + dirtyBytes); 0 for an empty range. */
  dirtyRatio: number
  /** max.compaction.lag.ms is exceeded by the oldest dirty record. */
  needCompactionNow: boolean
  /** A kept tombstone's delete horizon has passed (checkpoint.deleteHorizonMs). */
  tombstonesDue: boolean
}

export interface CleanStats {
  endOffset: bigint
  segmentsIn: number
  segmentsOut: number
  groupsRewritten: number
  bytesRead: number
  bytesWritten: number
  recordsRemoved: number
  mapKeys: number
  durationMs: number
  deleteHorizonMs: number
}

/** Index of the last segment with baseOffset <= offset (0 when offset is below all). */
function floorIndex(segments: readonly LogSegment[], offset: bigint): number {
  let i = 0
  while (i + 1 < segments.length && segments[i + 1]!.baseOffset <= offset) i++
  return i
}

/** Kafka's LogCleanerManager.cleanableOffsets plus the LogToClean byte counts. */
export function cleanableRange(log: PartitionLog, checkpoint: CleanerCheckpoint | undefined, nowMs: number): CleanableRange {
  const cfg = log.config
  const segments = log.segments
  const active = segments.at(-1)!
  const lso = log.logStartOffset
  let firstDirty = checkpoint?.firstDirtyOffset ?? lso
  if (firstDirty < lso || firstDirty > log.logEndOffset) firstDirty = lso
  let firstUncleanable = active.baseOffset
  const dirtyFrom = floorIndex(segments, firstDirty)
  if (cfg.minCompactionLagMs > 0) {
    for (let i = dirtyFrom; i < segments.length - 1; i++) {
      const s = segments[i]!
      if (s.largestTimestamp > nowMs - cfg.minCompactionLagMs) {
        firstUncleanable = s.baseOffset
        break
      }
    }
  }
  // Nothing at or after the last stable offset is cleaned: whether an open transaction's
  // batches stay is not known yet (Kafka cleans below the LSO only).
  const unstable = log.firstUnstableOffset()
  if (unstable !== undefined && unstable < firstUncleanable) {
    const holding = segments[floorIndex(segments, unstable)]!.baseOffset
    if (holding < firstUncleanable) firstUncleanable = holding
  }
  if (firstDirty > firstUncleanable) firstDirty = firstUncleanable
  let cleanBytes = 0
  let dirtyBytes = 0
  for (const s of segments) {
    if (s.baseOffset >= firstUncleanable) break
    if (s.baseOffset < firstDirty && s !== segments[dirtyFrom]) cleanBytes += s.size
    else dirtyBytes += s.size
  }
  // max.compaction.lag.ms is measured from the first batch of the first dirty segment.
  let needCompactionNow = false
  const firstDirtySegment = segments[dirtyFrom]!
  if (Number.isFinite(cfg.maxCompactionLagMs) && firstDirtySegment !== active) {
    const ts = firstDirtySegment.firstBatchTimestamp
    needCompactionNow = ts >= 0n && Number(ts) < nowMs - cfg.maxCompactionLagMs
  }
  const total = cleanBytes + dirtyBytes
  const horizon = checkpoint?.deleteHorizonMs ?? -1
  return {
    firstDirtyOffset: firstDirty,
    firstUncleanableOffset: firstUncleanable,
    cleanBytes,
    dirtyBytes,
    dirtyRatio: total === 0 ? 0 : dirtyBytes / total,
    needCompactionNow,
    tombstonesDue: horizon >= 0 && nowMs >= horizon && total > 0,
  }
}

/** Kafka's groupSegmentsBySize: runs of segments that fit in one cleaned segment. */
function groupSegments(segments: readonly LogSegment[], maxBytes: number, maxIndexBytes: number): LogSegment[][] {
  const groups: LogSegment[][] = []
  let i = 0
  while (i < segments.length) {
    const group = [segments[i]!]
    let bytes = segments[i]!.size
    let indexBytes = segments[i]!.offsetIndex.sizeInBytes
    let timeIndexBytes = segments[i]!.timeIndex.sizeInBytes
    i++
    while (i < segments.length) {
      const s = segments[i]!
      const lastOffset = s.nextOffset > s.baseOffset ? s.nextOffset - 1n : s.baseOffset
      if (
        bytes + s.size > maxBytes ||
        indexBytes + s.offsetIndex.sizeInBytes > maxIndexBytes ||
        timeIndexBytes + s.timeIndex.sizeInBytes > maxIndexBytes ||
        lastOffset - group[0]!.baseOffset > INT32_MAX
      )
        break
      group.push(s)
      bytes += s.size
      indexBytes += s.offsetIndex.sizeInBytes
      timeIndexBytes += s.timeIndex.sizeInBytes
      i++
    }
    groups.push(group)
  }
  return groups
}

class Aborted extends Error {}

/**
 * Runs one pass over `log` for `range` (from cleanableRange). Returns its statistics, or
 * undefined when it was abandoned (log closed or changed under it, shutdown, policy no longer
 * compact); what was swapped in before that stays, and is valid.
 */
export async function cleanLog(log: PartitionLog, range: CleanableRange, nowMs: number, opts: CleanerOptions): Promise<CleanStats | undefined> {
  const started = performance.now()
  const slicer = new Slicer(opts.sliceMs, opts.ioMaxBytesPerSecond)
  const checkAlive = () => {
    if (log.closed || opts.stopped?.() === true || !isCompacted(log.config)) throw new Aborted()
  }
  const stats: CleanStats = {
    endOffset: range.firstDirtyOffset,
    segmentsIn: 0,
    segmentsOut: 0,
    groupsRewritten: 0,
    bytesRead: 0,
    bytesWritten: 0,
    recordsRemoved: 0,
    mapKeys: 0,
    durationMs: 0,
    deleteHorizonMs: -1,
  }
  try {
    const segments = log.segments.slice()
    const map = new OffsetMap(opts.dedupeBufferBytes)
    // 2. The offset map over whole dirty segments.
    let endOffset = range.firstDirtyOffset
    const firstMapped = floorIndex(segments, range.firstDirtyOffset)
    const mapTxn = new CleanerTxnState(log.collectAbortedTransactions(segments[firstMapped]!.baseOffset, range.firstUncleanableOffset))
    for (let i = firstMapped; i < segments.length - 1; i++) {
      const s = segments[i]!
      if (s.baseOffset >= range.firstUncleanableOffset) break
      if (map.isFull) break
      for await (const b of readSegment(s)) {
        stats.bytesRead += b.buf.length
        if (!addBatchToMap(b.buf, map, range.firstDirtyOffset, mapTxn))
          opts.logger.warn({ dir: log.dir, position: b.position }, 'cleaner cannot read a batch; keeping it')
        await slicer.throttle(b.buf.length)
        await slicer.maybeYield()
        checkAlive()
      }
      endOffset = segments[i + 1]!.baseOffset
    }
    stats.endOffset = endOffset
    stats.mapKeys = map.size
    // 3. Rewrite everything below endOffset, group by group.
    const cfg = log.config
    const producerLastOffsets = new Map<bigint, bigint>()
    for (const e of log.producerState.entries()) {
      const last = e.batches.at(-1)
      if (last !== undefined) producerLastOffsets.set(e.producerId, last.lastOffset)
    }
    const toClean = segments.slice(0, -1).filter((s) => s.baseOffset < endOffset)
    const txn = new CleanerTxnState(toClean.length === 0 ? [] : log.collectAbortedTransactions(toClean[0]!.baseOffset, endOffset))
    const ctx: FilterContext = { map, nowMs, deleteRetentionMs: cfg.deleteRetentionMs, producerLastOffsets, txn }
    const writeBuffer = Buffer.allocUnsafe(WRITE_CHUNK)
    for (const group of groupSegments(toClean, cfg.segmentBytes, cfg.segmentIndexBytes)) {
      checkAlive()
      stats.segmentsIn += group.length
      const horizon = await cleanGroup(log, group, ctx, { writeBuffer, slicer, stats, checkAlive, ioBufferBytes: opts.ioBufferBytes })
      if (horizon >= 0 && (stats.deleteHorizonMs < 0 || horizon < stats.deleteHorizonMs)) stats.deleteHorizonMs = horizon
    }
    checkAlive()
    // 4. Where the next pass starts.
    await writeCleanerCheckpoint(log.fs, log.dir, { firstDirtyOffset: endOffset, deleteHorizonMs: stats.deleteHorizonMs })
    stats.durationMs = performance.now() - started
    return stats
  } catch (err) {
    if (err instanceof Aborted || log.closed) return undefined
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined // a segment was deleted under us
    throw err
  }

  function readSegment(s: LogSegment) {
    return segmentBatches(s, opts.ioBufferBytes)
  }
}

/**
 * Cleans one group into a new segment and swaps it in. Returns the earliest delete horizon of
 * the tombstones kept (-1: none).
 */
interface PassState {
  /** WRITE_CHUNK bytes reused for every group. */
  writeBuffer: Buffer
  slicer: Slicer
  stats: CleanStats
  checkAlive: () => void
  ioBufferBytes: number
}

async function cleanGroup(log: PartitionLog, group: readonly LogSegment[], ctx: FilterContext, pass: PassState): Promise<number> {
  const { slicer, stats, checkAlive } = pass
  // The group's last batch is always kept (empty if need be): the cleaned segment then ends at
  // the group's end offset, which is how recovery knows which segments a .swap replaces.
  let lastNonEmpty = group.length - 1
  while (lastNonEmpty > 0 && group[lastNonEmpty]!.size === 0) lastNonEmpty--
  const cleaned = LogSegment.create(log.dir, group[0]!.baseOffset, log.segmentOptions, CLEANED_FILE_SUFFIX)
  // Abort markers that stay keep their entries (in the segment that now holds them).
  if (ctx.txn !== undefined) ctx.txn.onRetainedAbortMarker = (t) => cleaned.txnIndex.append(t)
  let changed = false
  let horizon = -1
  // Kept batches are gathered in one reused buffer and written in WRITE_CHUNK pieces.
  const out = pass.writeBuffer
  let used = 0
  const write = () => {
    if (used === 0) return
    cleaned.append(out.subarray(0, used))
    stats.bytesWritten += used
    used = 0
  }
  const keep = (batch: Buffer) => {
    if (used + batch.length > out.length) write()
    if (batch.length > out.length) {
      cleaned.append(batch)
      stats.bytesWritten += batch.length
      return
    }
    batch.copy(out, used)
    used += batch.length
  }
  try {
    for (let k = 0; k <= lastNonEmpty; k++) {
      const s = group[k]!
      for await (const b of segmentBatches(s, pass.ioBufferBytes)) {
        stats.bytesRead += b.buf.length
        const r = filterBatch(b.buf, ctx, k === lastNonEmpty && b.last)
        stats.recordsRemoved += r.recordsRemoved
        if (r.tombstoneHorizonMs >= 0 && (horizon < 0 || r.tombstoneHorizonMs < horizon)) horizon = r.tombstoneHorizonMs
        if (r.outcome.kind === 'keep') keep(b.buf)
        else {
          changed = true
          if (r.outcome.kind === 'rewrite') keep(r.outcome.batch)
        }
        await slicer.throttle(b.buf.length)
        await slicer.maybeYield()
        checkAlive()
      }
    }
    if (lastNonEmpty < group.length - 1) changed = true // trailing empty segments merge away
    write()
    if (!changed || cleaned.size === 0) {
      await cleaned.deleteFiles()
      stats.segmentsOut += group.length
      return horizon
    }
    const expectedEnd = group[lastNonEmpty]!.nextOffset
    if (cleaned.nextOffset !== expectedEnd) {
      throw new StorageError('SAMSA_STORAGE_CLEANER', `cleaned segment ends at ${cleaned.nextOffset}, expected ${expectedEnd}`)
    }
    cleaned.onBecomeInactive()
    await cleaned.flush()
    checkAlive()
    if (!log.replaceSegments(group, cleaned)) throw new Aborted()
    stats.groupsRewritten++
    stats.segmentsOut++
    return horizon
  } catch (err) {
    if (cleaned.fileSuffix === CLEANED_FILE_SUFFIX) await cleaned.deleteFiles().catch(() => {})
    throw err
  }
}

/** The batches of a segment, once the log writer has put all of them in its file. */
async function* segmentBatches(s: LogSegment, chunkSize: number): AsyncGenerator<FileBatch> {
  await s.whenWritten()
  yield* readBatches(s, s.size, chunkSize)
}
