/**
 * The broker's own account of the response bytes it holds: encoded responses waiting for their
 * turn on a connection, and chunks handed to sockets that the kernel has not taken yet. The
 * records of a Fetch are not in it until they are read: a response carries them as file regions
 * (storage/file-region.ts), read chunk by chunk as its socket drains.
 *
 * Above `limit`, connections that hold bytes stop reading requests and get one region chunk at a
 * time (see Connection and ResponseSender); once the total falls back under it, they go on.
 */

/** Each connection may hold this much (a round of writes, see ResponseSender) before its socket is no longer read (Kafka mutes a channel). */
export const CONNECTION_HELD_BYTES = 4 * 1024 * 1024
/** The broker-wide bound on held response bytes. */
const BROKER_HELD_BYTES = 64 * 1024 * 1024

export class ResponseMemory {
  readonly limit: number
  #held = 0
  #peak = 0
  readonly #waiting = new Set<() => void>()

  constructor(limit = BROKER_HELD_BYTES) {
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

  get overLimit(): boolean {
    return this.#held > this.limit
  }

  add(n: number): void {
    this.#held += n
    if (this.#held > this.#peak) this.#peak = this.#held
  }

  sub(n: number): void {
    const was = this.#held
    this.#held -= n
    if (was > this.limit && this.#held <= this.limit && this.#waiting.size > 0) {
      const waiting = [...this.#waiting]
      this.#waiting.clear()
      for (const fn of waiting) fn()
    }
  }

  /** Calls `fn` once, when the total is back under the limit. */
  whenBelow(fn: () => void): void {
    this.#waiting.add(fn)
  }

  cancel(fn: () => void): void {
    this.#waiting.delete(fn)
  }
}
