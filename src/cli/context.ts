/**
 * What a command gets: its parsed options, output helpers, lazily opened clients, and how it
 * ends. A reader that goes away (`samsa ... | head`) aborts the command quietly: output stops,
 * the exit status is 0. Commands that run until stopped call `interruptible()`: the first
 * Ctrl-C (or SIGTERM) aborts them so they can commit and print a summary, within a deadline;
 * a second one exits at once. Other commands keep Node's default and stop at the first Ctrl-C.
 */
import type { Admin } from '../client/admin.js'
import type { ClusterOptions } from '../client/cluster.js'
import { readClientSecurity } from '../client/client-properties.js'
import { UsageError, intOption, type Values } from './options.js'

/** What a command's context needs of its declaration (see CommandSpec). */
export interface CommandPath {
  /** Words after `samsa`, e.g. ['topics', 'create']. */
  readonly path: readonly string[]
  /** Whether the command talks to a cluster (errors then name the bootstrap servers). */
  readonly connects?: boolean
}
import { toJson } from './output.js'

const DEFAULT_BOOTSTRAP = 'localhost:9092'

/** How long a graceful stop (commit, leave the group, summary) may take after the first Ctrl-C. */
const STOP_DEADLINE_MS = 5000

export class Context {
  readonly spec: CommandPath
  readonly values: Values
  readonly positionals: string[]
  readonly json: boolean
  readonly quiet: boolean
  readonly #abort = new AbortController()
  #admin: Promise<Admin> | undefined
  #cleanups: Array<() => Promise<void>> = []
  #brokenPipe = false
  #interrupts = 0

  constructor(spec: CommandPath, values: Values, positionals: string[]) {
    this.spec = spec
    this.values = values
    this.positionals = positionals
    this.json = values.json === true
    this.quiet = values.quiet === true
  }

  /** Aborted when the reader of stdout went away, or (after `interruptible()`) on Ctrl-C. */
  get signal(): AbortSignal {
    return this.#abort.signal
  }

  get brokenPipe(): boolean {
    return this.#brokenPipe
  }

  /** Ctrl-C / SIGTERM received (after `interruptible()`). */
  get interrupted(): boolean {
    return this.#interrupts > 0
  }

  /** Called by main when stdout reports EPIPE. */
  pipeClosed(): void {
    this.#brokenPipe = true
    this.#abort.abort(new Error('stdout closed'))
  }

  /**
   * The command handles Ctrl-C and SIGTERM itself: the first aborts `signal`, and should the
   * command not finish within STOP_DEADLINE_MS it exits anyway; a second exits at once.
   */
  interruptible(): AbortSignal {
    const onSignal = (signal: NodeJS.Signals): void => {
      this.#interrupts++
      if (this.#interrupts > 1) process.exit(130)
      this.#abort.abort(new Error(signal))
      setTimeout(() => {
        process.stderr.write(`samsa: not stopped ${STOP_DEADLINE_MS / 1000} s after ${signal}; exiting\n`)
        process.exit(130)
      }, STOP_DEADLINE_MS).unref()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    this.onCleanup(async () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    })
    return this.#abort.signal
  }

  get bootstrap(): string {
    const v = this.values['bootstrap-server']
    return typeof v === 'string' && v.trim() !== '' ? v : process.env.SAMSA_BOOTSTRAP_SERVER || DEFAULT_BOOTSTRAP
  }

  clusterOptions(): ClusterOptions {
    const timeout = intOption(this.values, 'request-timeout-ms', { min: 1 })
    const commandConfig = this.values['command-config']
    return {
      bootstrap: this.bootstrap,
      clientId: typeof this.values['client-id'] === 'string' ? this.values['client-id'] : 'samsa-cli',
      ...(timeout !== undefined ? { requestTimeoutMs: timeout } : {}),
      connectTimeoutMs: 10_000,
      // Kafka's tools take the same file: TLS and SASL for a secured cluster.
      ...(typeof commandConfig === 'string' ? readClientSecurity(commandConfig) : {}),
    }
  }

  /** One Admin per command run, closed when the command ends. The client loads on first use. */
  admin(): Promise<Admin> {
    if (this.#admin === undefined) {
      this.#admin = import('../client/admin.js').then(({ Admin }) => Admin.connect(this.clusterOptions()))
      this.onCleanup(async () => (await this.#admin!.catch(() => undefined))?.close())
    }
    return this.#admin
  }

  onCleanup(fn: () => Promise<void>): void {
    this.#cleanups.push(fn)
  }

  async cleanup(): Promise<void> {
    const fns = this.#cleanups.reverse()
    this.#cleanups = []
    for (const fn of fns) await fn().catch(() => {})
  }

  /** Exactly `n` positionals (or between min and max), named for the error message. */
  args(names: readonly string[], opts: { min?: number; max?: number } = {}): string[] {
    const min = opts.min ?? names.length
    const max = opts.max ?? names.length
    if (this.positionals.length < min) throw new UsageError(`missing ${names.slice(this.positionals.length, min).join(' ')}`, this.spec.path)
    if (this.positionals.length > max) throw new UsageError(`unexpected argument "${this.positionals[max]}"`, this.spec.path)
    return this.positionals
  }

  print(text: string): void {
    if (this.#brokenPipe) return
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /** Writes to stdout and waits while its buffer is full (but not once the reader is gone or the command is stopping). */
  async write(text: string): Promise<void> {
    if (this.#brokenPipe || text === '') return
    if (process.stdout.write(text)) return
    const signal = this.#abort.signal
    if (signal.aborted) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        process.stdout.off('drain', done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      process.stdout.once('drain', done)
      signal.addEventListener('abort', done, { once: true })
    })
  }

  printJson(value: unknown): void {
    this.print(toJson(value, 2))
  }

  /** A note for people, on stderr so stdout stays parseable; -q silences it. */
  note(text: string): void {
    if (!this.quiet) process.stderr.write(`${text}\n`)
  }
}
