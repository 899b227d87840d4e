/**
 * Runs a search's regular expression (or a filter that uses one) in a worker thread, one chunk
 * of records at a time, with a time limit per chunk: a pattern that backtracks catastrophically
 * is stopped (the worker is terminated) and reported, and the event loop never waits on it.
 */
import { Worker } from 'node:worker_threads'
import { compileMatcher, type MatchInput, type MatchSpec } from './match.js'
import { FilterSyntaxError } from './filter-expr.js'
import { badRequest, HttpError } from './errors.js'

export class RegexMatcher {
  readonly #worker: Worker
  readonly #timeoutMs: number
  #nextId = 0
  #pending: { id: number; resolve: (m: number[]) => void; reject: (e: Error) => void } | undefined
  #failed: Error | undefined

  constructor(spec: MatchSpec, opts: { timeoutMs?: number } = {}) {
    try {
      compileMatcher(spec)
    } catch (err) {
      throw err instanceof FilterSyntaxError
        ? badRequest(`not a valid filter: ${err.message}`)
        : badRequest(`not a valid regular expression: ${(err as Error).message}`)
    }
    this.#timeoutMs = opts.timeoutMs ?? 5_000
    this.#worker = new Worker(new URL('./regex-worker.js', import.meta.url), { workerData: spec, resourceLimits: { maxOldGenerationSizeMb: 256 } })
    this.#worker.unref()
    this.#worker.on('message', (msg: { id: number; matches: number[] }) => {
      const p = this.#pending
      if (p !== undefined && p.id === msg.id) {
        this.#pending = undefined
        p.resolve(msg.matches)
      }
    })
    this.#worker.on('error', (err) => this.#fail(err))
    this.#worker.on('exit', () => this.#fail(new Error('the search worker stopped')))
  }

  /** Indexes of the matching records. One call at a time. */
  match(records: MatchInput[]): Promise<number[]> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed)
    const id = this.#nextId++
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(
          new HttpError(
            422,
            `the regular expression took longer than ${this.#timeoutMs} ms on one chunk of records; simplify it (nested quantifiers such as (a+)+ backtrack catastrophically)`,
            'SAMSA_CONSOLE_REGEX_TIMEOUT',
          ),
        )
        void this.#worker.terminate()
      }, this.#timeoutMs)
      this.#pending = {
        id,
        resolve: (m) => {
          clearTimeout(timer)
          resolve(m)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      }
      this.#worker.postMessage({ id, records })
    })
  }

  async close(): Promise<void> {
    this.#failed ??= new Error('closed')
    await this.#worker.terminate()
  }

  #fail(err: Error): void {
    this.#failed ??= err
    const p = this.#pending
    this.#pending = undefined
    p?.reject(this.#failed)
  }
}
