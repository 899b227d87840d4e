/**
 * A segment's aborted-transaction index (Kafka's TransactionIndex, `<base>.txnindex`): one entry
 * per transaction aborted by a marker in this segment, appended when the marker is, in Kafka's
 * byte format (34 bytes: version int16 = 0, producerId int64, firstOffset int64, lastOffset
 * int64 = the marker's offset, lastStableOffset int64). A read_committed fetch collects the
 * entries that overlap what it returns so the consumer can drop the aborted batches.
 *
 * The entries are read lazily (most segments never had an abort) and kept in memory. Appends go
 * to the page cache at once; flush() fsyncs with the segment. Recovery rebuilds the index of
 * every segment it recovers (the marker may not have reached the .log), so an entry written
 * ahead of its marker is harmless.
 */
import { constants } from 'node:fs'
import { StorageError } from '../errors.js'
import type { StorageFs } from './file-system.js'

const ABORTED_TXN_SIZE = 34
const VERSION = 0

export interface AbortedTxn {
  producerId: bigint
  /** The transaction's first offset in this partition. */
  firstOffset: bigint
  /** The offset of its abort marker. */
  lastOffset: bigint
  /** The partition's last stable offset once the marker was written. */
  lastStableOffset: bigint
}

function encodeAbortedTxn(e: AbortedTxn): Buffer {
  const b = Buffer.alloc(ABORTED_TXN_SIZE)
  b.writeInt16BE(VERSION, 0)
  b.writeBigInt64BE(e.producerId, 2)
  b.writeBigInt64BE(e.firstOffset, 10)
  b.writeBigInt64BE(e.lastOffset, 18)
  b.writeBigInt64BE(e.lastStableOffset, 26)
  return b
}

/** The entries of an index file's bytes; a torn last entry or an unknown version ends the list. */
function decodeAbortedTxns(buf: Buffer): AbortedTxn[] {
  const out: AbortedTxn[] = []
  for (let p = 0; p + ABORTED_TXN_SIZE <= buf.length; p += ABORTED_TXN_SIZE) {
    if (buf.readInt16BE(p) !== VERSION) break
    out.push({
      producerId: buf.readBigInt64BE(p + 2),
      firstOffset: buf.readBigInt64BE(p + 10),
      lastOffset: buf.readBigInt64BE(p + 18),
      lastStableOffset: buf.readBigInt64BE(p + 26),
    })
  }
  return out
}

export class TransactionIndex {
  readonly #fs: StorageFs
  /** The file's current path (it follows the segment's renames). */
  readonly #path: () => string
  #entries: AbortedTxn[] | undefined
  #unsynced = false

  constructor(fs: StorageFs, path: () => string) {
    this.#fs = fs
    this.#path = path
  }

  #load(): AbortedTxn[] {
    if (this.#entries === undefined) {
      const path = this.#path()
      this.#entries = this.#fs.statSync(path) !== undefined ? decodeAbortedTxns(this.#fs.readFileSync(path)) : []
    }
    return this.#entries
  }

  /** Writes `bytes` at `position` (truncating first with `truncate`). */
  #write(bytes: Buffer, position: number, truncate: boolean): void {
    const fd = this.#fs.openSync(this.#path(), constants.O_WRONLY | constants.O_CREAT | (truncate ? constants.O_TRUNC : 0), 0o644)
    try {
      this.#fs.writeSync(fd, bytes, 0, bytes.length, position)
    } finally {
      this.#fs.closeSync(fd)
    }
  }

  get entries(): readonly AbortedTxn[] {
    return this.#load()
  }

  append(e: AbortedTxn): void {
    const entries = this.#load()
    try {
      this.#write(encodeAbortedTxn(e), entries.length * ABORTED_TXN_SIZE, false)
    } catch (err) {
      throw new StorageError('SAMSA_STORAGE_TXN_INDEX', `cannot append to ${this.#path()}`, { cause: err })
    }
    entries.push(e)
    this.#unsynced = true
  }

  /** Entries of transactions that overlap [fetchOffset, upperBoundOffset). */
  collect(fetchOffset: bigint, upperBoundOffset: bigint, out: AbortedTxn[]): void {
    for (const e of this.#load()) {
      if (e.lastOffset >= fetchOffset && e.firstOffset < upperBoundOffset) out.push(e)
    }
  }

  /** Drops the entries whose marker is at or after `offset` (the segment was truncated there). */
  truncateTo(offset: bigint): void {
    const entries = this.#load()
    const kept = entries.filter((e) => e.lastOffset < offset)
    if (kept.length === entries.length) return
    this.#rewrite(kept)
  }

  /** Empties the index (recovery rebuilds it). */
  reset(): void {
    this.#entries = []
    this.#unsynced = false
    try {
      this.#fs.unlinkSync(this.#path())
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StorageError('SAMSA_STORAGE_TXN_INDEX', `cannot remove ${this.#path()}`, { cause: err })
    }
  }

  /** Replaces the entries (the cleaner's output segment). */
  #rewrite(entries: AbortedTxn[]): void {
    this.#entries = entries
    if (entries.length === 0) return this.reset()
    this.#write(Buffer.concat(entries.map(encodeAbortedTxn)), 0, true)
    this.#unsynced = true
  }

  async flush(): Promise<void> {
    if (!this.#unsynced) return
    this.#unsynced = false
    const path = this.#path()
    let fd: number
    try {
      fd = this.#fs.openSync(path, constants.O_RDONLY)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    try {
      await this.#fs.fsync(fd)
    } finally {
      this.#fs.closeSync(fd)
    }
  }
}
