/**
 * Kafka's DelayedOperation: a request that waits for a condition (bytes for a fetch, followers
 * for an acks=all produce, replicas for a DeleteRecords, members for a JoinGroup) or for its
 * delay to pass, whichever comes first. A purgatory (./purgatory.ts) watches it by keys and asks
 * it to try again when one of them changes.
 *
 * The contract, as in Kafka:
 * - `tryComplete()` checks the condition and, when it holds, calls `forceComplete()` and returns
 *   its result. It runs on the event loop and must be cheap: it is called again on every change
 *   of a watched key.
 * - `onComplete()` runs exactly once, whether the condition held, the delay passed, or the
 *   purgatory closed; it delivers the operation's result.
 * - `onExpiration()` runs after `onComplete()` when the delay passed (for logs and metrics).
 */
export abstract class DelayedOperation {
  readonly delayMs: number
  #completed = false
  #onDone: (() => void) | undefined

  constructor(delayMs: number) {
    this.delayMs = Math.max(0, delayMs)
  }

  get isCompleted(): boolean {
    return this.#completed
  }

  abstract tryComplete(): boolean

  protected abstract onComplete(): void

  protected onExpiration(): void {}

  /** Completes the operation unless it already completed: true only for the call that did. */
  forceComplete(): boolean {
    if (this.#completed) return false
    this.#completed = true
    const done = this.#onDone
    this.#onDone = undefined
    done?.()
    this.onComplete()
    return true
  }

  /** For the purgatory: completes on timeout and reports expiry. */
  expire(): void {
    if (this.forceComplete()) this.onExpiration()
  }

  /** For the purgatory: called once when the operation completes, before onComplete. */
  set whenDone(fn: (() => void) | undefined) {
    this.#onDone = fn
  }
}
