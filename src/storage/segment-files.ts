/**
 * The files of a segment (`<base>.log`, `.index`, `.timeindex`, and `.txnindex` once a
 * transaction was aborted in it) and the suffix they carry
 * (`''`, `.cleaned`, `.swap`, `.deleted`): renames that recovery can rely on, and unlinking.
 */
import { StorageError } from '../errors.js'
import type { StorageFs } from './file-system.js'
import { INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, offsetFilePath } from './log-files.js'

type FileKey = 'log' | 'index' | 'timeIndex' | 'txnIndex'

export class SegmentFiles {
  readonly #base: Record<FileKey, string>
  #suffix: string
  #paths: Record<FileKey, string>
  #deleted = false
  readonly #fs: StorageFs

  constructor(fs: StorageFs, dir: string, baseOffset: bigint, suffix: string) {
    this.#fs = fs
    this.#base = {
      log: offsetFilePath(dir, baseOffset, LOG_SUFFIX),
      index: offsetFilePath(dir, baseOffset, INDEX_SUFFIX),
      timeIndex: offsetFilePath(dir, baseOffset, TIME_INDEX_SUFFIX),
      txnIndex: offsetFilePath(dir, baseOffset, TXN_INDEX_SUFFIX),
    }
    this.#suffix = suffix
    this.#paths = this.#with(suffix)
  }

  /** Current paths, suffix included. */
  get paths(): Readonly<Record<FileKey, string>> {
    return this.#paths
  }

  get suffix(): string {
    return this.#suffix
  }

  get deleted(): boolean {
    return this.#deleted
  }

  #with(suffix: string): Record<FileKey, string> {
    const b = this.#base
    return { log: b.log + suffix, index: b.index + suffix, timeIndex: b.timeIndex + suffix, txnIndex: b.txnIndex + suffix }
  }

  markDeleted(): void {
    if (this.#deleted) return
    this.#deleted = true
    this.changeSuffix('.deleted', true)
  }

  /**
   * Renames the three files to carry `suffix` instead of the current one, the indexes first and
   * the .log last: the .log's name is what recovery goes by (a `<base>.log.swap` is the commit
   * point of a cleaning). Missing index files (and with `ignoreMissing` a missing .log) are skipped.
   */
  changeSuffix(suffix: string, ignoreMissing = false): void {
    if (suffix === this.#suffix) return
    const to = this.#with(suffix)
    for (const key of ['index', 'timeIndex', 'txnIndex', 'log'] as const) {
      try {
        this.#fs.renameSync(this.#paths[key], to[key])
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || (key === 'log' && !ignoreMissing)) {
          throw new StorageError('SAMSA_STORAGE_RENAME', `cannot rename ${this.#paths[key]} to ${to[key]}`, { cause: err })
        }
      }
      this.#paths[key] = to[key]
    }
    this.#suffix = suffix
  }

  /** Unlinks the files (off the event loop: dropping a large file's cached pages takes time). */
  async unlink(): Promise<void> {
    for (const path of Object.values(this.#paths)) {
      try {
        await this.#fs.unlink(path)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StorageError('SAMSA_STORAGE_DELETE', `cannot delete ${path}`, { cause: err })
      }
    }
  }
}
