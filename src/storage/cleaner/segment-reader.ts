/**
 * Off-the-request-path reading for the cleaner: the batches of a (non-active, so immutable)
 * segment file read with async positioned reads into large chunks, through the segment's file
 * retained for the whole read (a segment deleted meanwhile stays readable until released), and
 * a slicer that hands the event loop back every few milliseconds of synchronous work.
 */
import { performance } from 'node:perf_hooks'
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises'
import { StorageError } from '../../errors.js'
import { BATCH_LENGTH_OFFSET, CURRENT_MAGIC, LOG_OVERHEAD, MAGIC_OFFSET, MIN_BATCH_LENGTH, RECORD_BATCH_OVERHEAD } from '../../protocol/record-batch.js'
import type { LogSegment } from '../segment.js'

export interface FileBatch {
  /** The whole batch: a view into a reused read buffer, valid until the next batch is asked for. */
  buf: Buffer
  /** File position of the batch. */
  position: number
  /** True for the last batch of the file (up to `size`). */
  last: boolean
}

/**
 * Yields the batches of `path` in [0, size). Throws StorageError on bad framing: the cleaner
 * only reads segments that passed recovery, so this means corruption and the pass stops.
 */
export async function* readBatches(segment: LogSegment, size: number, chunkSize: number): AsyncGenerator<FileBatch> {
  const path = segment.logPath
  const fh = segment.retainFile()
  try {
    // One read buffer, reused: allocating a fresh one per chunk makes V8 run full GCs for the
    // external memory, which stalls the event loop. A batch larger than it gets its own.
    let buffer = Buffer.allocUnsafe(Math.min(chunkSize, Math.max(size, RECORD_BATCH_OVERHEAD)))
    let chunk = buffer.subarray(0, 0)
    let chunkStart = 0
    let pos = 0
    const ensure = async (n: number): Promise<void> => {
      if (pos >= chunkStart && pos + n <= chunkStart + chunk.length) return
      const length = Math.min(Math.max(n, chunkSize), size - pos)
      if (length > buffer.length) buffer = Buffer.allocUnsafe(length)
      let done = 0
      while (done < length) {
        const bytesRead = await fh.read(buffer, done, length - done, pos + done)
        if (bytesRead === 0) break
        done += bytesRead
      }
      if (done < n) throw new StorageError('SAMSA_STORAGE_CORRUPT', `short read at ${pos} of ${path}`)
      chunk = buffer.subarray(0, done)
      chunkStart = pos
    }
    while (pos < size) {
      if (size - pos < RECORD_BATCH_OVERHEAD) throw new StorageError('SAMSA_STORAGE_CORRUPT', `torn batch at ${pos} of ${path}`)
      await ensure(RECORD_BATCH_OVERHEAD)
      let at = pos - chunkStart
      const batchLength = chunk.readInt32BE(at + BATCH_LENGTH_OFFSET)
      if (chunk.readInt8(at + MAGIC_OFFSET) !== CURRENT_MAGIC || batchLength < MIN_BATCH_LENGTH || pos + batchLength + LOG_OVERHEAD > size) {
        throw new StorageError('SAMSA_STORAGE_CORRUPT', `bad batch framing at ${pos} of ${path}`)
      }
      const batchSize = batchLength + LOG_OVERHEAD
      await ensure(batchSize)
      at = pos - chunkStart
      yield { buf: chunk.subarray(at, at + batchSize), position: pos, last: pos + batchSize === size }
      pos += batchSize
    }
  } finally {
    fh.release()
  }
}

/**
 * Tracks synchronous work and yields to the event loop once a slice's budget is spent; with a
 * byte rate (log.cleaner.io.max.bytes.per.second) it also sleeps to keep the cleaner's I/O under
 * it, as Kafka's Throttler does.
 */
export class Slicer {
  readonly sliceMs: number
  readonly #maxBytesPerMs: number
  #start = performance.now()
  #periodStart = performance.now()
  #periodBytes = 0

  constructor(sliceMs: number, maxBytesPerSecond = Infinity) {
    this.sliceMs = sliceMs
    this.#maxBytesPerMs = maxBytesPerSecond / 1000
  }

  /** Counts I/O done; sleeps when over the rate. */
  async throttle(bytes: number): Promise<void> {
    if (!Number.isFinite(this.#maxBytesPerMs)) return
    this.#periodBytes += bytes
    const elapsed = performance.now() - this.#periodStart
    const due = this.#periodBytes / this.#maxBytesPerMs
    if (due > elapsed) {
      await sleep(due - elapsed)
      this.#start = performance.now()
    }
    if (elapsed > 1000) {
      this.#periodStart = performance.now()
      this.#periodBytes = 0
    }
  }

  get due(): boolean {
    return performance.now() - this.#start >= this.sliceMs
  }

  /** Yields (setImmediate, so I/O callbacks run first) when the slice is used up. */
  async maybeYield(): Promise<void> {
    if (this.due) await this.yield()
  }

  async yield(): Promise<void> {
    await yieldToLoop()
    this.#start = performance.now()
  }
}
