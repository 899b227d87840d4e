/**
 * A partition's leader epochs (Kafka's LeaderEpochFileCache, KIP-101): for each epoch in which
 * the partition had a leader that wrote to it, the offset of the first record written in it.
 * A follower that must find where its log diverges from its leader's asks the leader for the end
 * offset of its latest epoch (OffsetForLeaderEpoch) and truncates there; the leader answers
 * from this cache.
 *
 * Kept in `leader-epoch-checkpoint` in the partition's directory, in Kafka's format (a version
 * line `0`, a count, then `epoch startOffset` lines), replaced atomically. The caller writes it
 * after each change (changes are rare: one per leader change). What the file misses after a
 * crash is found again from the batches' partitionLeaderEpoch fields (PartitionLog does that at
 * load for the part of the log above its recovery point).
 */
import { join } from 'node:path'
import { replaceFile, type StorageFs } from './file-system.js'

export const LEADER_EPOCH_CHECKPOINT_FILE = 'leader-epoch-checkpoint'

/** Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET: the answer for an epoch nobody knows. */
export const UNDEFINED_EPOCH = -1
export const UNDEFINED_EPOCH_OFFSET = -1n

export interface EpochEntry {
  readonly epoch: number
  readonly startOffset: bigint
}

export class LeaderEpochCache {
  #entries: EpochEntry[]

  constructor(entries: readonly EpochEntry[] = []) {
    this.#entries = [...entries]
  }

  get entries(): readonly EpochEntry[] {
    return this.#entries
  }

  /** The newest epoch, UNDEFINED_EPOCH when there is none. */
  get latestEpoch(): number {
    return this.#entries.at(-1)?.epoch ?? UNDEFINED_EPOCH
  }

  get latestEntry(): EpochEntry | undefined {
    return this.#entries.at(-1)
  }

  /**
   * Records that `epoch` starts at `startOffset` (Kafka's assign): nothing changes for the
   * latest epoch at or after its start; otherwise entries that would no longer be monotonic
   * (an epoch at or above this one, or starting at or after it) go first, so an epoch that
   * wrote nothing before another leader took over leaves no trace. Returns whether the cache
   * changed.
   */
  assign(epoch: number, startOffset: bigint): boolean {
    if (epoch < 0 || startOffset < 0n) return false
    const latest = this.#entries.at(-1)
    if (latest !== undefined && epoch === latest.epoch && startOffset >= latest.startOffset) return false
    while (this.#entries.length > 0) {
      const last = this.#entries.at(-1)!
      if (last.epoch < epoch && last.startOffset < startOffset) break
      this.#entries.pop()
    }
    this.#entries.push({ epoch, startOffset })
    return true
  }

  /**
   * Drops the epochs that start at or after `endOffset` (the log was truncated there). Returns
   * whether the cache changed.
   */
  truncateFromEnd(endOffset: bigint): boolean {
    const kept = this.#entries.filter((e) => e.startOffset < endOffset)
    if (kept.length === this.#entries.length) return false
    this.#entries = kept
    return true
  }

  /**
   * The log now starts at `startOffset`: epochs that ended before it go, and the one it falls in
   * starts there (Kafka's truncateFromStart). Returns whether the cache changed.
   */
  truncateFromStart(startOffset: bigint): boolean {
    let i = 0
    while (i < this.#entries.length && this.#entries[i]!.startOffset <= startOffset) i++
    if (i === 0) return false
    const floor = this.#entries[i - 1]!
    if (i === 1 && floor.startOffset === startOffset) return false
    this.#entries = [{ epoch: floor.epoch, startOffset }, ...this.#entries.slice(i)]
    return true
  }

  clear(): boolean {
    if (this.#entries.length === 0) return false
    this.#entries = []
    return true
  }

  /**
   * Kafka's endOffsetFor: the largest epoch at or below `requested` and the offset where it
   * ends (the start of the next epoch, or `logEndOffset` for the latest). An epoch newer than
   * every known one, or UNDEFINED_EPOCH, gets (UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET); one
   * older than every known one gets itself and the start of the first known epoch.
   */
  endOffsetFor(requested: number, logEndOffset: bigint): { epoch: number; endOffset: bigint } {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET }
    if (requested === UNDEFINED_EPOCH) return undefinedAnswer
    const latest = this.#entries.at(-1)
    if (latest !== undefined && requested === latest.epoch) return { epoch: latest.epoch, endOffset: logEndOffset }
    const higher = this.#entries.findIndex((e) => e.epoch > requested)
    if (higher < 0) return undefinedAnswer
    const next = this.#entries[higher]!
    if (higher === 0) return { epoch: requested, endOffset: next.startOffset }
    return { epoch: this.#entries[higher - 1]!.epoch, endOffset: next.startOffset }
  }

  /** The epoch `offset` was written in, UNDEFINED_EPOCH when before every known epoch. */
  epochForOffset(offset: bigint): number {
    let epoch = UNDEFINED_EPOCH
    for (const e of this.#entries) {
      if (e.startOffset > offset) break
      epoch = e.epoch
    }
    return epoch
  }
}

/** Kafka's checkpoint file text: version 0, the count, one `epoch offset` line each. */
function encodeEpochCheckpoint(entries: readonly EpochEntry[]): string {
  return `0\n${entries.length}\n${entries.map((e) => `${e.epoch} ${e.startOffset}\n`).join('')}`
}

/** The entries of a checkpoint's text; undefined when it is damaged or of another version. */
export function decodeEpochCheckpoint(text: string): EpochEntry[] | undefined {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines[0] !== '0' || !/^\d+$/.test(lines[1] ?? '')) return undefined
  const count = Number(lines[1])
  if (lines.length !== count + 2) return undefined
  const out: EpochEntry[] = []
  for (const line of lines.slice(2)) {
    const m = /^(\d+) (\d+)$/.exec(line)
    if (m === null) return undefined
    const e = { epoch: Number(m[1]), startOffset: BigInt(m[2]!) }
    const prev = out.at(-1)
    if (prev !== undefined && (e.epoch <= prev.epoch || e.startOffset < prev.startOffset)) return undefined
    out.push(e)
  }
  return out
}

/** The checkpoint in `dir`: its entries, or undefined when it is missing or damaged. */
export function readEpochCheckpoint(fs: StorageFs, dir: string): EpochEntry[] | undefined {
  let text: string
  try {
    text = fs.readFileSync(join(dir, LEADER_EPOCH_CHECKPOINT_FILE)).toString('utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  return decodeEpochCheckpoint(text)
}

function writeEpochCheckpoint(fs: StorageFs, dir: string, entries: readonly EpochEntry[]): Promise<void> {
  return replaceFile(fs, join(dir, LEADER_EPOCH_CHECKPOINT_FILE), Buffer.from(encodeEpochCheckpoint(entries)))
}

/**
 * A partition's cache with its checkpoint file: every change schedules a write (one at a time,
 * in order, the newest content each time); `flushed()` resolves once what was changed so far is
 * on disk.
 */
export class PersistedEpochCache {
  readonly cache: LeaderEpochCache
  readonly #fs: StorageFs
  readonly #dir: string
  #chain: Promise<void> = Promise.resolve()
  #dirty = false
  /** Set when the last write failed (a full disk): the next change or flush tries again. */
  #failed: unknown

  constructor(fs: StorageFs, dir: string, cache: LeaderEpochCache) {
    this.#fs = fs
    this.#dir = dir
    this.cache = cache
  }

  /** Writes the file after a change (returns the write; callers usually do not wait). */
  changed(): Promise<void> {
    this.#dirty = true
    const write = async (): Promise<void> => {
      if (!this.#dirty) return
      this.#dirty = false
      try {
        await writeEpochCheckpoint(this.#fs, this.#dir, this.cache.entries)
        this.#failed = undefined
      } catch (err) {
        this.#dirty = true
        this.#failed = err
        throw err
      }
    }
    this.#chain = this.#chain.then(write, write)
    return this.#chain
  }

  /** Resolves once every change so far is on disk; rejects when it could not be written. */
  async flushed(): Promise<void> {
    await this.#chain.catch(() => {})
    if (this.#dirty || this.#failed !== undefined) await this.changed()
  }
}
