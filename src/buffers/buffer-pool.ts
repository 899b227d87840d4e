/**
 * The broker's pool of large reusable buffers: request frames assembled from socket reads and
 * record bytes read for responses. A fresh megabyte per request or per read made V8 run a full
 * GC for every few tens of megabytes (it counts array buffers towards its heap limit) and the
 * kernel fault in new pages; recycled buffers avoid both.
 *
 * A buffer is handed out as a Lease, and goes back to the pool only when every holder released
 * it. Whoever hands a leased buffer's bytes on (a request's records to the log writer, a chunk
 * to a socket) retains the lease for as long as those bytes are needed and releases it after:
 * reuse before that would corrupt data, so the rule is in the type, not in a comment. A lease
 * that is never released is simply collected by the garbage collector (the pool then never sees
 * that buffer again); releasing more often than retained is a bug and throws.
 */

/** Smaller buffers are not worth pooling: Buffer.allocUnsafe carves them from Node's 8 KiB slab. */
const POOLED_MIN = 16 * 1024

/** Where a lease's memory is counted while it is out (the server's request memory, say). */
export interface ByteAccount {
  add(n: number): void
  sub(n: number): void
}

export class Lease {
  /** The leased bytes: exactly the size asked for. */
  readonly buffer: Buffer
  readonly #pool: BufferPool | undefined
  readonly #backing: Buffer
  readonly #account: ByteAccount | undefined
  #refs = 1

  /** @internal BufferPool hands leases out; `pool` undefined means an unpooled buffer. */
  constructor(backing: Buffer, size: number, pool: BufferPool | undefined, account?: ByteAccount) {
    this.#backing = backing
    this.buffer = backing.subarray(0, size)
    this.#pool = pool
    this.#account = account
    account?.add(backing.length)
  }

  get released(): boolean {
    return this.#refs === 0
  }

  /** Another holder: the buffer stays out of the pool until it releases too. */
  retain(): this {
    if (this.#refs === 0) throw new Error('retain of a released buffer lease')
    this.#refs++
    return this
  }

  release(): void {
    if (this.#refs === 0) throw new Error('buffer lease released twice')
    if (--this.#refs !== 0) return
    this.#pool?.giveBack(this.#backing)
    this.#account?.sub(this.#backing.length)
  }
}

class BufferPool {
  readonly maxIdleBytes: number
  /** Kept for reuse, in the order they were given back (the oldest first). */
  readonly #idle: Buffer[] = []
  #idleBytes = 0
  #leasedBytes = 0
  /** Leases by their backing memory, for leaseOf(). */
  readonly #leases = new WeakMap<ArrayBufferLike, Lease>()

  constructor(maxIdleBytes: number) {
    this.maxIdleBytes = maxIdleBytes
  }

  /** Bytes now lent out (buffers not yet given back). */
  get leasedBytes(): number {
    return this.#leasedBytes
  }

  /** Bytes kept for reuse. */
  get idleBytes(): number {
    return this.#idleBytes
  }

  /**
   * A lease on `size` bytes. Sizes below POOLED_MIN or above the pool's idle capacity get a
   * buffer of their own (the lease then has nothing to give back). `account` counts the lease's
   * memory (all of it, a pooled buffer's whole backing) until its last holder released it.
   */
  lease(size: number, account?: ByteAccount): Lease {
    if (size < POOLED_MIN || size > this.maxIdleBytes) return new Lease(Buffer.allocUnsafe(size), size, undefined, account)
    let best = -1
    for (let i = 0; i < this.#idle.length; i++) {
      const b = this.#idle[i]!
      if (b.length >= size && (best < 0 || b.length < this.#idle[best]!.length)) best = i
    }
    let backing: Buffer
    if (best >= 0) {
      backing = this.#idle[best]!
      this.#idle.splice(best, 1)
      this.#idleBytes -= backing.length
    } else {
      backing = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(size)))
    }
    this.#leasedBytes += backing.length
    const lease = new Lease(backing, size, this, account)
    this.#leases.set(backing.buffer, lease)
    return lease
  }

  /** The unreleased lease whose buffer `chunk` lies in, if any. */
  leaseOf(chunk: Buffer): Lease | undefined {
    const lease = this.#leases.get(chunk.buffer)
    return lease === undefined || lease.released ? undefined : lease
  }

  /**
   * @internal Called by a Lease when its last holder released it. Over the idle bound, the
   * buffers given back longest ago make room: a size no longer asked for (the 256 KiB copies of
   * a broker's first seconds, say) would otherwise fill the pool for good while every megabyte
   * frame given back was dropped and the next one allocated afresh (140 MB/s of new memory with 64
   * producers, and V8 collecting for it).
   */
  giveBack(backing: Buffer): void {
    this.#leasedBytes -= backing.length
    this.#leases.delete(backing.buffer)
    if (backing.length > this.maxIdleBytes) return
    while (this.#idleBytes + backing.length > this.maxIdleBytes) this.#idleBytes -= this.#idle.shift()!.length
    this.#idle.push(backing)
    this.#idleBytes += backing.length
  }
}

/**
 * The process's pool. Brokers in one process share it (so do tests that start several): what it
 * bounds is idle memory, and that is a property of the process.
 */
export const sharedBufferPool = new BufferPool(48 * 1024 * 1024)
