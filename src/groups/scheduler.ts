/**
 * The one timer wheel of the group coordinator: named timeouts (a member's session, a group's
 * rebalance deadline), each replaced when scheduled again and cleared on state changes. Callbacks
 * run on the event loop like every other group state change. Timers are unref'd so an idle
 * coordinator never keeps a process alive; `close()` clears them all on shutdown.
 */
export class Scheduler {
  readonly #timers = new Map<string, NodeJS.Timeout>()
  #closed = false

  schedule(key: string, delayMs: number, fn: () => void): void {
    if (this.#closed) return
    this.cancel(key)
    const t = setTimeout(
      () => {
        if (this.#timers.get(key) !== t) return
        this.#timers.delete(key)
        fn()
      },
      Math.max(0, delayMs),
    )
    t.unref()
    this.#timers.set(key, t)
  }

  cancel(key: string): void {
    const t = this.#timers.get(key)
    if (t === undefined) return
    clearTimeout(t)
    this.#timers.delete(key)
  }

  has(key: string): boolean {
    return this.#timers.has(key)
  }

  close(): void {
    this.#closed = true
    for (const t of this.#timers.values()) clearTimeout(t)
    this.#timers.clear()
  }
}
