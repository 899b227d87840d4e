/** What a command gets: its parsed options, output helpers, and lazily opened clients. */
import { Admin } from '../client/admin.js'
import type { ClusterOptions } from '../client/cluster.js'
import { UsageError, intOption, type Values } from './options.js'

/** What a command's context needs of its declaration (see CommandSpec). */
export interface CommandPath {
  /** Words after `samsa`, e.g. ['topics', 'create']. */
  readonly path: readonly string[]
  /** Whether the command talks to a cluster (errors then name the bootstrap servers). */
  readonly connects?: boolean
}
import { toJson } from './output.js'

export const DEFAULT_BOOTSTRAP = 'localhost:9092'

export class Context {
  readonly spec: CommandPath
  readonly values: Values
  readonly positionals: string[]
  readonly json: boolean
  #admin: Promise<Admin> | undefined
  #cleanups: Array<() => Promise<void>> = []

  constructor(spec: CommandPath, values: Values, positionals: string[]) {
    this.spec = spec
    this.values = values
    this.positionals = positionals
    this.json = values.json === true
  }

  get bootstrap(): string {
    const v = this.values['bootstrap-server']
    return typeof v === 'string' && v.trim() !== '' ? v : process.env.SAMSA_BOOTSTRAP_SERVER || DEFAULT_BOOTSTRAP
  }

  clusterOptions(): ClusterOptions {
    const timeout = intOption(this.values, 'request-timeout-ms', { min: 1 })
    return {
      bootstrap: this.bootstrap,
      clientId: typeof this.values['client-id'] === 'string' ? this.values['client-id'] : 'samsa-cli',
      ...(timeout !== undefined ? { requestTimeoutMs: timeout } : {}),
      connectTimeoutMs: 10_000,
    }
  }

  /** One Admin per command run, closed when the command ends. */
  admin(): Promise<Admin> {
    if (this.#admin === undefined) {
      this.#admin = Admin.connect(this.clusterOptions())
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
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  printJson(value: unknown): void {
    process.stdout.write(toJson(value, 2) + '\n')
  }

  /** A note for people, on stderr so stdout stays parseable. */
  note(text: string): void {
    process.stderr.write(`${text}\n`)
  }
}
