/**
 * The file-system calls storage makes, behind one small interface (kfake's persist_fs idea):
 * `nodeFs` is the real thing; tests hand in one that fails a chosen call (a write, an fsync, a
 * rename, an open at EMFILE, a full disk) to show what the broker does then. The methods mirror
 * node:fs by name and meaning, so the code reads as before.
 */
import * as fs from 'node:fs'
import { dirname } from 'node:path'

export interface FileStats {
  size: number
  mtimeMs: number
  isDirectory(): boolean
}

export interface StorageFs {
  openSync(path: string, flags: number, mode?: number): number
  closeSync(fd: number): void
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number
  /** A positioned read on the thread pool. */
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number
  /** A positioned writev on the thread pool; resolves to the bytes written. */
  writev(fd: number, buffers: readonly Uint8Array[], position: number): Promise<number>
  fsync(fd: number): Promise<void>
  fdatasync(fd: number): Promise<void>
  ftruncateSync(fd: number, length: number): void
  fstatSync(fd: number): FileStats
  /** undefined when the path does not exist. */
  statSync(path: string): FileStats | undefined
  /** Bytes an unprivileged process may still write on the file system holding `path`. */
  availableBytes(path: string): number
  readFileSync(path: string): Buffer
  readdirSync(path: string): string[]
  /** Creates the directory and missing parents; an existing directory is fine. */
  mkdirSync(path: string): void
  renameSync(from: string, to: string): void
  unlinkSync(path: string): void
  unlink(path: string): Promise<void>
  /** Removes a file or a directory tree; a missing path is fine. */
  rm(path: string): Promise<void>
  rmSync(path: string): void
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code

/**
 * mkdir -p that fails at once where a directory cannot be made. Node 20's own recursive
 * mkdirSync loops forever on a path under /proc (mkdir answers ENOENT for a parent that exists).
 */
function mkdirp(path: string): void {
  try {
    fs.mkdirSync(path)
    return
  } catch (err) {
    if (errno(err) === 'EEXIST') {
      if (fs.statSync(path).isDirectory()) return
      throw err
    }
    if (errno(err) !== 'ENOENT') throw err
    const parent = dirname(path)
    if (parent === path) throw err
    mkdirp(parent)
  }
  // The parent exists now; a second ENOENT (as under /proc) is final.
  try {
    fs.mkdirSync(path)
  } catch (err) {
    if (errno(err) !== 'EEXIST' || !fs.statSync(path).isDirectory()) throw err
  }
}

export const nodeFs: StorageFs = {
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  closeSync: (fd) => fs.closeSync(fd),
  readSync: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  read: (fd, buffer, offset, length, position) =>
    new Promise((resolve, reject) => fs.read(fd, buffer, offset, length, position, (err, n) => (err ? reject(err) : resolve(n)))),
  writeSync: (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, length, position),
  writev: (fd, buffers, position) =>
    new Promise((resolve, reject) => fs.writev(fd, buffers as NodeJS.ArrayBufferView[], position, (err, n) => (err ? reject(err) : resolve(n)))),
  fsync: (fd) => new Promise((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve()))),
  fdatasync: (fd) => new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  fstatSync: (fd) => fs.fstatSync(fd),
  statSync: (path) => fs.statSync(path, { throwIfNoEntry: false }),
  availableBytes: (path) => {
    const s = fs.statfsSync(path)
    return s.bavail * s.bsize
  },
  readFileSync: (path) => fs.readFileSync(path),
  readdirSync: (path) => fs.readdirSync(path),
  mkdirSync: mkdirp,
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
  unlink: (path) => fs.promises.unlink(path),
  rm: (path) => fs.promises.rm(path, { recursive: true, force: true }),
  rmSync: (path) => fs.rmSync(path, { recursive: true, force: true }),
}

/** Writes all of `buf` at `position`. */
export function writeFully(f: StorageFs, fd: number, buf: Uint8Array, position: number): void {
  let done = 0
  while (done < buf.length) done += f.writeSync(fd, buf, done, buf.length - done, position + done)
}

/** unlink that ignores a missing file. */
export function unlinkIfExists(f: StorageFs, path: string): void {
  try {
    f.unlinkSync(path)
  } catch (err) {
    if (errno(err) !== 'ENOENT') throw err
  }
}

/** Writes a small file whole (no fsync): create or truncate, write, close; a failed write leaves no file behind. */
export function writeFileSync(f: StorageFs, path: string, data: Uint8Array): void {
  const fd = f.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC, 0o644)
  try {
    writeFully(f, fd, data, 0)
  } catch (err) {
    f.closeSync(fd)
    unlinkIfExists(f, path)
    throw err
  }
  f.closeSync(fd)
}

/**
 * Replaces `path` atomically: a temp file written and fsynced, then renamed over it. On failure
 * the temp file is removed and the old file stays as it was (so a full disk leaves no debris).
 */
export async function replaceFile(f: StorageFs, path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`
  const fd = f.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC, 0o644)
  try {
    writeFully(f, fd, data, 0)
    await f.fsync(fd)
  } catch (err) {
    f.closeSync(fd)
    unlinkIfExists(f, tmp)
    throw err
  }
  f.closeSync(fd)
  f.renameSync(tmp, path)
}

export const O = fs.constants
