/**
 * Kafka's DelayedFetch: a Fetch that found fewer than fetch.min.bytes waits in the
 * ReplicaManager's fetch purgatory, watched by its partitions, until enough bytes are there,
 * one of its partitions fails (deleted, out of range), or max.wait.ms passes. Then it reads again
 * and answers with what it found.
 */
import { DelayedOperation } from '../purgatory/delayed-operation.js'

/** What one read of a fetch's partitions found. */
export interface FetchRead {
  readonly bytes: number
  /** A partition answered with an error: the fetch answers at once (Kafka does too). */
  readonly failed: boolean
  /** Gives back what the read holds (file regions) when it is not used for the answer. */
  release(): void
}

export class DelayedFetch<R extends FetchRead> extends DelayedOperation {
  readonly #minBytes: number
  readonly #read: () => R
  readonly #respond: (read: R) => void
  /** The read that satisfied tryComplete, answered as it is. */
  #ready: R | undefined

  /** `read` reads the fetch's partitions; `respond` answers with a read, exactly once. */
  constructor(maxWaitMs: number, minBytes: number, read: () => R, respond: (read: R) => void) {
    super(maxWaitMs)
    this.#minBytes = minBytes
    this.#read = read
    this.#respond = respond
  }

  tryComplete(): boolean {
    const r = this.#read()
    if (r.bytes < this.#minBytes && !r.failed) {
      r.release()
      return false
    }
    this.#ready = r
    return this.forceComplete()
  }

  protected onComplete(): void {
    this.#respond(this.#ready ?? this.#read())
  }
}
