/**
 * The exclusive lock on a log dir (Kafka's `.lock`): taken before anything in the directory is
 * read or written, held while the broker runs, so that a second broker on the same directory
 * fails at once and touches nothing.
 *
 * Node has no flock(2). The packages that wrap it (fs-ext, os-lock) build a native addon at
 * install, which needs a compiler and Node's headers from the network. Instead we open `.lock`
 * ourselves and have a short-lived `flock --exclusive --nonblock 3` (util-linux; busybox has the
 * same applet; perl's flock where neither exists, as on macOS) lock it through that very
 * descriptor, handed to it as fd 3. A flock lock belongs to the open file description, which the
 * child shares with us, so it stays held after the child exits, for as long as our descriptor is
 * open: the kernel releases it when the broker closes it or dies, also by kill -9. The lock is
 * advisory and local, like Kafka's.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { SamsaError } from '../errors.js'
import { O, nodeFs, writeFully, type StorageFs } from './file-system.js'

const LOCK_FILE = '.lock'

/** Ways to flock fd 3 without blocking: exit 0 locked, 1 held elsewhere. */
export const LOCKERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['flock', ['--exclusive', '--nonblock', '3']],
  ['perl', ['-e', 'open(my $f, "+<&=3") or exit 2; flock($f, 2 | 4) or exit 1; exit 0']],
]

export class LogDirLockedError extends SamsaError {
  constructor(dir: string, holder: string) {
    super(
      'SAMSA_LOG_DIR_LOCKED',
      `log dir ${dir} is in use by another broker${holder}: its ${LOCK_FILE} is locked. Stop that broker or choose another log.dirs.`,
    )
  }
}

export class LogDirLock {
  readonly dir: string
  #fd: number
  readonly #fs: StorageFs

  private constructor(fs: StorageFs, dir: string, fd: number) {
    this.#fs = fs
    this.dir = dir
    this.#fd = fd
  }

  /**
   * Creates the directory if needed and locks it; throws LogDirLockedError when another
   * process holds the lock, having changed nothing in the directory.
   */
  static acquire(dir: string, opts: { fs?: StorageFs; lockers?: typeof LOCKERS } = {}): LogDirLock {
    const fs = opts.fs ?? nodeFs
    fs.mkdirSync(dir)
    const path = join(dir, LOCK_FILE)
    const fd = fs.openSync(path, O.O_RDWR | O.O_CREAT, 0o644)
    let locked: boolean
    try {
      locked = flock(fd, opts.lockers ?? LOCKERS)
    } catch (err) {
      fs.closeSync(fd)
      throw err
    }
    if (!locked) {
      let holder = ''
      try {
        const pid = fs.readFileSync(path).toString('utf8').trim()
        if (/^\d+$/.test(pid)) holder = ` (process ${pid})`
      } catch {
        // the pid is only for the message
      }
      fs.closeSync(fd)
      throw new LogDirLockedError(dir, holder)
    }
    // Our pid, for the message a second broker prints; a full disk must not stop the start.
    try {
      fs.ftruncateSync(fd, 0)
      writeFully(fs, fd, Buffer.from(`${process.pid}\n`), 0)
    } catch {
      // not needed for the lock itself
    }
    return new LogDirLock(fs, dir, fd)
  }

  /** Releases the lock (closing our descriptor drops it). */
  release(): void {
    if (this.#fd < 0) return
    const fd = this.#fd
    this.#fd = -1
    this.#fs.closeSync(fd)
  }
}

/** Locks `fd` with the first locker this machine has; false when another process holds it. */
function flock(fd: number, lockers: typeof LOCKERS): boolean {
  const missing: string[] = []
  for (const [command, args] of lockers) {
    const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe', fd], timeout: 10_000 })
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      missing.push(command)
      continue
    }
    if (r.status === 0) return true
    if (r.status === 1) return false
    throw new SamsaError(
      'SAMSA_LOG_DIR_LOCK',
      `cannot lock the log dir: ${command} exited ${r.status ?? r.signal}: ${r.stderr?.toString().trim() ?? r.error?.message}`,
    )
  }
  throw new SamsaError('SAMSA_LOG_DIR_LOCK', `cannot lock the log dir: none of ${missing.join(', ')} is installed (util-linux's flock is enough)`)
}
