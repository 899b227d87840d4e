/**
 * A partition this broker leads: its log plus the bits of replica state a single node needs
 * (leader epoch, high watermark), and the wake-up list that long-polling fetches wait on.
 */
import type { PartitionLog } from '../storage/partition-log.js'

export class Partition {
  readonly topic: string
  readonly index: number
  readonly log: PartitionLog
  leaderEpoch = 0
  readonly #waiters = new Set<() => void>()

  constructor(topic: string, index: number, log: PartitionLog) {
    this.topic = topic
    this.index = index
    this.log = log
  }

  /** With one replica every appended record is committed, so the high watermark is the log end. */
  get highWatermark(): bigint {
    return this.log.logEndOffset
  }

  get logStartOffset(): bigint {
    return this.log.logStartOffset
  }

  /** Registers a callback run once on the next append; returns a function that cancels it. */
  onNextAppend(wake: () => void): () => void {
    this.#waiters.add(wake)
    return () => this.#waiters.delete(wake)
  }

  /** Called after every append: wakes the fetches waiting on this partition. */
  notifyAppend(): void {
    if (this.#waiters.size === 0) return
    const waiters = [...this.#waiters]
    this.#waiters.clear()
    for (const w of waiters) w()
  }
}
