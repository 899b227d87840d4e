/**
 * The response side of a connection: responses go out in request order even when handlers finish
 * out of order, and their file regions (a Fetch's records) are read into pooled buffers chunk by
 * chunk, only as the socket takes them. A client that does not read holds at most about
 * SEND_HIGH_WATER of its records in memory, not whole responses.
 *
 * Every byte held is counted, here and in the broker's ResponseMemory: encoded responses from
 * the moment they are queued, chunks from their write until the kernel has them. Regions and
 * pooled chunks are released exactly once: when written, or when the connection closes.
 */
import type { Socket } from 'node:net'
import { sharedBufferPool } from '../buffers/buffer-pool.js'
import { isTransferable, type Chunk, type Transferable } from '../protocol/transferable.js'
import type { ResponseMemory } from './response-memory.js'

/** Write (and read regions) while the socket buffers less than this. */
export const SEND_HIGH_WATER = 512 * 1024
/** The most of a region read at once. */
export const REGION_CHUNK = 512 * 1024
/**
 * The most of its regions one connection reads in one turn of the event loop; then it lets the
 * others go first (setImmediate), so a burst of big fetches cannot keep a small request waiting
 * for all of them.
 */
export const TURN_BYTES = 1024 * 1024

interface Slot {
  done: boolean
  /** The framed response; null for none (acks=0). */
  chunks: Chunk[] | null
  /** Bytes of `chunks` that are buffers (regions are not held until read). */
  bytes: number
}

export class ResponseSender {
  readonly #socket: Socket
  readonly #memory: ResponseMemory
  readonly #onChange: () => void
  readonly #onError: (reason: string) => void
  readonly #queue: Slot[] = []
  /** Buffer bytes of responses done but not yet written to the socket. */
  #queued = 0
  /** Bytes written to the socket whose write has not completed. */
  #inSocket = 0
  /** The head slot's next chunk, and how far into it (for a region). */
  #index = 0
  #offset = 0
  #closed = false
  #lastActive = Date.now()
  /** A pump is scheduled for the next turn (after TURN_BYTES). */
  #yielded = false

  /**
   * `onChange` runs whenever what this connection holds or has in flight went down (so reading
   * may resume); `onError` closes the connection when a region can no longer be read.
   */
  constructor(socket: Socket, memory: ResponseMemory, onChange: () => void, onError: (reason: string) => void) {
    this.#socket = socket
    this.#memory = memory
    this.#onChange = onChange
    this.#onError = onError
    socket.on('drain', () => this.#pump())
  }

  /** Requests read whose response is not yet fully written. */
  get inFlight(): number {
    return this.#queue.length
  }

  /** Response bytes this connection holds in memory. */
  get held(): number {
    return this.#queued + this.#inSocket
  }

  /** When bytes last went out (for connections.max.idle.ms). */
  get lastActive(): number {
    return this.#lastActive
  }

  /** A place in the response order for a request just read. */
  reserve(): object {
    const slot: Slot = { done: false, chunks: null, bytes: 0 }
    this.#queue.push(slot)
    return slot
  }

  /** Fills a reserved place (null: no response) and sends what is ready. */
  complete(ref: object, chunks: Chunk[] | null): void {
    const slot = ref as Slot
    if (this.#closed) {
      if (chunks !== null) releaseAll(chunks, 0)
      return
    }
    slot.done = true
    slot.chunks = chunks
    if (chunks !== null) {
      for (const c of chunks) if (!isTransferable(c)) slot.bytes += c.length
      this.#queued += slot.bytes
      this.#memory.add(slot.bytes)
    }
    this.#pump()
  }

  /** A response that needs no request slot (answered by the connection itself). */
  send(chunks: Chunk[]): void {
    this.complete(this.reserve(), chunks)
  }

  /** Releases everything queued; later completions are dropped. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (let i = 0; i < this.#queue.length; i++) {
      const slot = this.#queue[i]!
      if (slot.chunks === null) continue
      // The head slot's chunks before #index are written already (and counted as in the socket).
      releaseAll(slot.chunks, i === 0 ? this.#index : 0)
    }
    this.#memory.sub(this.#queued)
    this.#queued = 0
    this.#queue.length = 0
  }

  /** Writes queued responses in order while the socket takes them; reads regions as it goes. */
  #pump(): void {
    if (this.#closed || this.#yielded) return
    const socket = this.#socket
    let corked = false
    let progressed = false
    let read = 0
    while (this.#queue.length > 0) {
      const slot = this.#queue[0]!
      if (!slot.done) break
      const chunks = slot.chunks
      if (chunks === null || this.#index >= chunks.length) {
        this.#queue.shift()
        this.#index = 0
        this.#offset = 0
        progressed = true
        continue
      }
      if (socket.writableLength >= SEND_HIGH_WATER) break
      const chunk = chunks[this.#index]!
      if (!corked) {
        socket.cork()
        corked = true
      }
      if (!isTransferable(chunk)) {
        // Held all along: from the queue it moves into the socket.
        this.#queued -= chunk.length
        this.#write(chunk, undefined)
        this.#index++
        continue
      }
      // Under the broker-wide bound, a connection still holding bytes waits for its socket.
      if (this.#memory.overLimit && this.#inSocket > 0) break
      if (read >= TURN_BYTES) {
        this.#yielded = true
        setImmediate(() => {
          this.#yielded = false
          this.#pump()
        })
        break
      }
      const before = this.#offset
      if (!this.#writeRegionChunk(chunk)) {
        if (corked) socket.uncork()
        return
      }
      read += this.#offset === 0 ? chunk.length - before : this.#offset - before
    }
    if (corked) socket.uncork()
    if (progressed) this.#onChange()
  }

  /** Reads and writes the next piece of a region; false if the region came up short. */
  #writeRegionChunk(region: Transferable): boolean {
    const n = Math.min(region.length - this.#offset, REGION_CHUNK)
    if (n > 0) {
      const lease = sharedBufferPool.lease(n)
      let got: number
      try {
        got = region.copyTo(lease.buffer, 0, this.#offset, n)
      } catch (err) {
        lease.release()
        this.#onError(`cannot read a fetch response's records: ${(err as Error).message}`)
        return false
      }
      if (got < n) {
        lease.release()
        this.#onError(`a fetch response's records came up short (${got} of ${n} bytes at ${this.#offset})`)
        return false
      }
      this.#memory.add(n)
      this.#write(lease.buffer, () => lease.release())
      this.#offset += n
    }
    if (this.#offset >= region.length) {
      region.release()
      this.#index++
      this.#offset = 0
    }
    return true
  }

  /** Writes bytes already counted in ResponseMemory; they leave it when the kernel has them. */
  #write(buf: Buffer, after: (() => void) | undefined): void {
    const n = buf.length
    this.#inSocket += n
    // Node calls this once the bytes are written, and also when the socket was destroyed first.
    this.#socket.write(buf, () => {
      this.#inSocket -= n
      this.#memory.sub(n)
      this.#lastActive = Date.now()
      after?.()
      // A pump held back by the broker-wide bound goes on once this socket has nothing pending
      // ('drain' comes only after a write the stream refused).
      if (this.#inSocket === 0) this.#pump()
      this.#onChange()
    })
  }
}

/** Releases the regions of `chunks` from `index` on (the one at `index` may be partly sent). */
function releaseAll(chunks: Chunk[], index: number): void {
  for (let i = index; i < chunks.length; i++) {
    const c = chunks[i]!
    if (isTransferable(c)) c.release()
  }
}
