/**
 * Why a log is out of service. Kafka takes the whole log dir offline on any I/O error and
 * brings it back at restart. We do that too, with one exception: a write refused for want of
 * space (ENOSPC, EDQUOT) left the files as they were before it, so once space is free the log
 * can be reloaded from them and serve again, without a restart. A failed fsync is never
 * retried in place: the kernel may have dropped the pages it could not write, so what the page
 * cache shows can no longer be trusted to be on disk; only a restart's recovery reads the files
 * again.
 */
import { StorageError } from '../errors.js'

const SPACE_ERRORS = new Set(['ENOSPC', 'EDQUOT'])

/** The errno code at the root of an error's cause chain, if any. */
function errnoOf(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e !== undefined && e !== null && depth < 8;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)) return e.code
  }
  return undefined
}

/** True for errors of a full disk (or an exhausted quota). */
function isOutOfSpace(err: unknown): boolean {
  const code = errnoOf(err)
  return code !== undefined && SPACE_ERRORS.has(code)
}

/** True when the error (or a cause) is a failed fsync. */
function isFsyncFailure(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e !== undefined && e !== null && depth < 8;
    e = e.cause as typeof e, depth++
  ) {
    if (e instanceof StorageError && e.code === 'SAMSA_STORAGE_FSYNC') return true
  }
  return false
}

export class LogFailure {
  readonly cause: unknown
  /** The log may serve again once space is free (see above). */
  readonly recoverable: boolean
  readonly at = Date.now()

  constructor(cause: unknown) {
    this.cause = cause
    this.recoverable = isOutOfSpace(cause) && !isFsyncFailure(cause)
  }

  get message(): string {
    const code = errnoOf(this.cause)
    const text = this.cause instanceof Error ? this.cause.message : String(this.cause)
    return code !== undefined && !text.includes(code) ? `${text} (${code})` : text
  }
}
