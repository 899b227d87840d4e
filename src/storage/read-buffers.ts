/**
 * Buffers for the record bytes segment reads hand to Fetch responses, recycled once the socket
 * has written them. A fresh buffer per read made V8 start a full GC for every ~15 MB read (it
 * counts array buffers towards its heap limit) and the kernel fault in new pages.
 *
 * A leased buffer is reused only after `releaseReadBuffer` is called with it, which the
 * connection does when the socket has taken the response; a buffer used any other way (or a
 * response that is dropped) is simply left to the garbage collector.
 */
import { readSync } from 'node:fs'

/** Reads smaller than this use an ordinary buffer. */
const MIN_LEASE = 16 * 1024
/** Larger reads use an ordinary buffer too (rare: a batch above the usual limits). */
const MAX_LEASE = 8 * 1024 * 1024
/** At most this many idle bytes are kept. */
const POOL_BYTES = 32 * 1024 * 1024

const idle: Buffer[] = []
let idleBytes = 0
/** The ArrayBuffers now lent out; a WeakSet, so dropped responses do not leak. */
const leased = new WeakSet<ArrayBufferLike>()

function lease(n: number): Buffer {
  let best = -1
  for (let i = 0; i < idle.length; i++) {
    const b = idle[i]!
    if (b.length >= n && (best < 0 || b.length < idle[best]!.length)) best = i
  }
  let buf: Buffer
  if (best >= 0) {
    buf = idle.splice(best, 1)[0]!
    idleBytes -= buf.length
  } else {
    buf = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(n)))
  }
  leased.add(buf.buffer)
  return buf
}

/**
 * Reads up to `length` bytes at `position` (fewer at end of file) into a buffer that may be
 * recycled: pass what goes out on a socket to releaseReadBuffer once it is written.
 */
export function readForFetch(fd: number, position: number, length: number): Buffer {
  const buf = length >= MIN_LEASE && length <= MAX_LEASE ? lease(length) : Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  return buf.subarray(0, done)
}

/** True when `chunk` lies in a buffer from readForFetch that has not been released yet. */
export function isLeasedReadBuffer(chunk: Buffer): boolean {
  return leased.has(chunk.buffer)
}

/** Hands a chunk's buffer back for reuse; the caller guarantees nothing reads it any more. */
export function releaseReadBuffer(chunk: Buffer): void {
  const ab = chunk.buffer
  if (!leased.has(ab)) return
  leased.delete(ab)
  if (idleBytes + ab.byteLength > POOL_BYTES) return
  idle.push(Buffer.from(ab, 0, ab.byteLength))
  idleBytes += ab.byteLength
}
