/**
 * Background writeback of log files (see LogWriter): one fdatasync at a time for the whole
 * process, so writeback never takes more than one of libuv's four thread-pool threads from the
 * log writes, and a log that is already waiting is not queued twice.
 */
export const Writeback = {
  /** Dirty bytes a log accumulates before it asks for writeback. */
  BYTES: 8 * 1024 * 1024,
  /** Writebacks finished so far (for tests and diagnostics). */
  completed: 0,

  run(task: () => Promise<void>): Promise<void> {
    const counted = () =>
      task().finally(() => {
        Writeback.completed++
      })
    const run = chain.then(counted, counted)
    chain = run.catch(() => {})
    return run
  },
}

let chain: Promise<void> = Promise.resolve()
