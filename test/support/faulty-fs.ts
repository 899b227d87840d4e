/**
 * A StorageFs over the real one that fails chosen calls, for tests of what storage and the
 * broker do when the disk says no: a write, an fsync or a rename that fails once, an open at
 * EMFILE, or a full disk (writes fail with ENOSPC until space is "freed").
 */
import { nodeFs, type StorageFs } from '../../src/storage/file-system.js'

export type FsOp = keyof StorageFs

interface Rule {
  ops: ReadonlySet<FsOp>
  code: string
  path: RegExp | undefined
  times: number
}

/** Calls that put bytes on the disk: they fail while the disk is full. */
const WRITES: ReadonlySet<FsOp> = new Set<FsOp>(['writeSync', 'writev', 'mkdirSync'])

function errnoError(code: string, op: string, path: string | undefined): NodeJS.ErrnoException {
  const err = new Error(`${code}: injected failure, ${op} ${path ?? ''}`.trim()) as NodeJS.ErrnoException
  err.code = code
  err.syscall = op
  if (path !== undefined) err.path = path
  return err
}

export class FaultyFs implements StorageFs {
  readonly #inner: StorageFs
  #rules: Rule[] = []
  /** Path of each descriptor opened through this fs, for rules that name a path. */
  readonly #paths = new Map<number, string>()
  /** While true, writes fail with ENOSPC and availableBytes() is 0. */
  diskFull = false
  /** Calls made, by operation (what a test can assert did or did not happen). */
  readonly calls = new Map<FsOp, string[]>()

  constructor(inner: StorageFs = nodeFs) {
    this.#inner = inner
  }

  /** The next `times` calls of `ops` (on a path matching `path`) fail with `code`. */
  failNext(ops: FsOp | FsOp[], code = 'EIO', opts: { path?: RegExp; times?: number } = {}): void {
    this.#rules.push({ ops: new Set(Array.isArray(ops) ? ops : [ops]), code, path: opts.path, times: opts.times ?? 1 })
  }

  /** Every later call of `ops` fails until clear(). */
  failAlways(ops: FsOp | FsOp[], code = 'EIO', opts: { path?: RegExp } = {}): void {
    this.failNext(ops, code, { ...opts, times: Infinity })
  }

  clear(): void {
    this.#rules = []
    this.diskFull = false
  }

  /** Descriptors opened through this fs and not closed. */
  get openFds(): number {
    return this.#paths.size
  }

  /** Calls of `op` so far (paths). */
  callsOf(op: FsOp): readonly string[] {
    return this.calls.get(op) ?? []
  }

  #check(op: FsOp, path: string | undefined): void {
    let list = this.calls.get(op)
    if (list === undefined) this.calls.set(op, (list = []))
    list.push(path ?? '')
    if (this.diskFull && WRITES.has(op)) throw errnoError('ENOSPC', op, path)
    for (const r of this.#rules) {
      if (r.times <= 0 || !r.ops.has(op)) continue
      if (r.path !== undefined && (path === undefined || !r.path.test(path))) continue
      r.times--
      this.#rules = this.#rules.filter((x) => x.times > 0)
      throw errnoError(r.code, op, path)
    }
  }

  #fdPath(fd: number): string | undefined {
    return this.#paths.get(fd)
  }

  openSync(path: string, flags: number, mode?: number): number {
    this.#check('openSync', path)
    const fd = this.#inner.openSync(path, flags, mode)
    this.#paths.set(fd, path)
    return fd
  }

  closeSync(fd: number): void {
    this.#check('closeSync', this.#fdPath(fd))
    this.#paths.delete(fd)
    this.#inner.closeSync(fd)
  }

  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    this.#check('readSync', this.#fdPath(fd))
    return this.#inner.readSync(fd, buffer, offset, length, position)
  }

  async read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    this.#check('read', this.#fdPath(fd))
    return this.#inner.read(fd, buffer, offset, length, position)
  }

  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    this.#check('writeSync', this.#fdPath(fd))
    return this.#inner.writeSync(fd, buffer, offset, length, position)
  }

  async writev(fd: number, buffers: readonly Uint8Array[], position: number): Promise<number> {
    this.#check('writev', this.#fdPath(fd))
    return this.#inner.writev(fd, buffers, position)
  }

  async fsync(fd: number): Promise<void> {
    this.#check('fsync', this.#fdPath(fd))
    return this.#inner.fsync(fd)
  }

  async fdatasync(fd: number): Promise<void> {
    this.#check('fdatasync', this.#fdPath(fd))
    return this.#inner.fdatasync(fd)
  }

  ftruncateSync(fd: number, length: number): void {
    this.#check('ftruncateSync', this.#fdPath(fd))
    this.#inner.ftruncateSync(fd, length)
  }

  fstatSync(fd: number) {
    this.#check('fstatSync', this.#fdPath(fd))
    return this.#inner.fstatSync(fd)
  }

  statSync(path: string) {
    this.#check('statSync', path)
    return this.#inner.statSync(path)
  }

  availableBytes(path: string): number {
    this.#check('availableBytes', path)
    return this.diskFull ? 0 : this.#inner.availableBytes(path)
  }

  readFileSync(path: string): Buffer {
    this.#check('readFileSync', path)
    return this.#inner.readFileSync(path)
  }

  readdirSync(path: string): string[] {
    this.#check('readdirSync', path)
    return this.#inner.readdirSync(path)
  }

  mkdirSync(path: string): void {
    // mkdir of an existing directory needs no space.
    if (this.diskFull && this.#inner.statSync(path)?.isDirectory() === true) return
    this.#check('mkdirSync', path)
    this.#inner.mkdirSync(path)
  }

  renameSync(from: string, to: string): void {
    this.#check('renameSync', from)
    this.#inner.renameSync(from, to)
  }

  unlinkSync(path: string): void {
    this.#check('unlinkSync', path)
    this.#inner.unlinkSync(path)
  }

  async unlink(path: string): Promise<void> {
    this.#check('unlink', path)
    return this.#inner.unlink(path)
  }

  async rm(path: string): Promise<void> {
    this.#check('rm', path)
    return this.#inner.rm(path)
  }

  rmSync(path: string): void {
    this.#check('rmSync', path)
    this.#inner.rmSync(path)
  }
}
