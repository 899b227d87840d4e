/**
 * The process's account of the Produce request bytes it holds: a Produce frame counts from the
 * moment its size is read (its pooled buffer is leased then) until its lease is released, when
 * its records are in the log and its answer is settled. Above `limit`, a connection about to
 * start another Produce frame waits, muted, until the total falls under it again; other requests
 * (Fetch from followers and consumers, Metadata) go on.
 *
 * This is Kafka's queued.max.request.bytes (the network threads allocate request buffers from
 * a memory pool and mute a channel that cannot get one) with a bound where Kafka's default has
 * none: without it, 64 producers that each pipeline megabyte requests made the broker hold
 * hundreds of megabytes of frames, most in fresh buffers (page faults, and V8 collecting for the
 * external memory), and acknowledge nothing for seconds while it worked through them.
 *
 * One per server (SocketServer.requestMemory), like ResponseMemory. The bound is below the
 * process's buffer pool's idle bound, which keeps what it gets back for reuse: in steady state
 * no frame needs new memory.
 */

/** Produce frame bytes held before new Produce frames wait (below the pool's idle bound). */
const BROKER_REQUEST_BYTES = 32 * 1024 * 1024

export class RequestMemory {
  readonly limit: number
  #held = 0
  #peak = 0
  readonly #waiting = new Set<() => void>()
  #wakeScheduled = false

  constructor(limit = BROKER_REQUEST_BYTES) {
    this.limit = limit
  }

  /** Bytes held now. */
  get held(): number {
    return this.#held
  }

  /** The most ever held (since start or resetPeak()). */
  get peak(): number {
    return this.#peak
  }

  resetPeak(): void {
    this.#peak = this.#held
  }

  /** Whether a new Produce frame waits. */
  get overLimit(): boolean {
    return this.#held >= this.limit
  }

  add(n: number): void {
    this.#held += n
    if (this.#held > this.#peak) this.#peak = this.#held
  }

  sub(n: number): void {
    this.#held -= n
    if (this.#held < this.limit && this.#waiting.size > 0) this.#wake()
  }

  /**
   * Calls `fn` once, on a later turn, when the total is under the limit. Waiters are woken
   * together and in order; each checks again when it starts its frame, so they take what
   * was freed first come, first served.
   */
  whenBelow(fn: () => void): void {
    this.#waiting.add(fn)
    if (this.#held < this.limit) this.#wake()
  }

  cancel(fn: () => void): void {
    this.#waiting.delete(fn)
  }

  /** Releases happen deep inside log writes and answers: the waiters go on a turn later. */
  #wake(): void {
    if (this.#wakeScheduled) return
    this.#wakeScheduled = true
    setImmediate(() => {
      this.#wakeScheduled = false
      if (this.#held >= this.limit) return
      const waiting = [...this.#waiting]
      this.#waiting.clear()
      for (const fn of waiting) fn()
    })
  }
}
