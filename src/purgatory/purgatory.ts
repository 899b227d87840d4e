/**
 * Kafka's DelayedOperationPurgatory: holds delayed operations until they complete. Each is
 * watched by one or more keys (a topic-partition, a group); whoever changes what a key stands
 * for (an append, a high watermark move, a deletion, a member joining) calls
 * `checkAndComplete(key)` and the operations watching it try again. Every operation also
 * expires after its delay. A completed operation leaves every watch list at once, so nothing
 * lingers; `close()` completes whatever is still waiting, so no request is left hanging and no
 * timer outlives the broker.
 *
 * Single-threaded by design: everything runs on the event loop, so there are no locks and no
 * race between watching and a change (Kafka re-checks after watching; here nothing can happen
 * in between).
 */
import type { DelayedOperation } from './delayed-operation.js'

export class DelayedOperationPurgatory<T extends DelayedOperation = DelayedOperation> {
  readonly name: string
  readonly #watchers = new Map<string, Set<T>>()
  /** Operations waiting, with their expiry timers. */
  readonly #delayed = new Map<T, NodeJS.Timeout>()
  #closed = false

  constructor(name: string) {
    this.name = name
  }

  /** Operations waiting (Kafka's numDelayed). */
  get delayed(): number {
    return this.#delayed.size
  }

  /** Operations watching `key`. */
  watched(key: string): number {
    return this.#watchers.get(key)?.size ?? 0
  }

  /**
   * Completes `op` now if it can; otherwise watches it under every key (at least one) and starts
   * its expiry timer. Returns whether it completed now. After close() the operation completes
   * at once.
   */
  tryCompleteElseWatch(op: T, keys: readonly string[]): boolean {
    if (keys.length === 0) throw new Error(`${this.name}: a delayed operation needs a key to watch`)
    if (op.tryComplete()) return true
    if (this.#closed) return op.forceComplete()
    for (const key of keys) {
      let set = this.#watchers.get(key)
      if (set === undefined) this.#watchers.set(key, (set = new Set()))
      set.add(op)
    }
    const timer = setTimeout(() => op.expire(), op.delayMs)
    // A waiting request never keeps the process alive on its own (its connection does).
    timer.unref()
    this.#delayed.set(op, timer)
    op.whenDone = () => this.#forget(op, keys)
    return false
  }

  /** Lets the operations watching `key` try again; returns how many completed. */
  checkAndComplete(key: string): number {
    const set = this.#watchers.get(key)
    if (set === undefined) return 0
    let completed = 0
    // A completing operation removes itself from `set`: iterate over a copy.
    for (const op of [...set]) if (!op.isCompleted && op.tryComplete()) completed++
    return completed
  }

  /** Completes every waiting operation (each runs onComplete once) and clears every timer. */
  close(): void {
    this.#closed = true
    for (const op of [...this.#delayed.keys()]) op.forceComplete()
    this.#watchers.clear()
  }

  #forget(op: T, keys: readonly string[]): void {
    const timer = this.#delayed.get(op)
    if (timer !== undefined) clearTimeout(timer)
    this.#delayed.delete(op)
    for (const key of keys) {
      const set = this.#watchers.get(key)
      if (set === undefined) continue
      set.delete(op)
      if (set.size === 0) this.#watchers.delete(key)
    }
  }
}
