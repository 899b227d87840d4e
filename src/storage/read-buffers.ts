/**
 * Reads of record bytes for Fetch responses, into leased buffers of the shared pool (see
 * src/buffers): whoever sends the bytes releases the lease (`sharedBufferPool.leaseOf(chunk)`)
 * once the socket has written them.
 */
import { readSync } from 'node:fs'
import { sharedBufferPool } from '../buffers/buffer-pool.js'

/** Larger reads use an ordinary buffer (rare: a batch above the usual limits). */
const MAX_LEASE = 8 * 1024 * 1024

/**
 * Reads up to `length` bytes at `position` (fewer at end of file), into a leased buffer when
 * the size is worth pooling.
 */
export function readForFetch(fd: number, position: number, length: number): Buffer {
  const buf = length <= MAX_LEASE ? sharedBufferPool.lease(length).buffer : Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  return buf.subarray(0, done)
}
