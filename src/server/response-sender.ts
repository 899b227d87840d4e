/**
 * The response side of a connection: responses go out in request order even when handlers finish
 * out of order, and their file regions (a Fetch's records) are read into pooled buffers chunk by
 * chunk, only as the socket takes them. A client that does not read holds about one round of
 * writes (SEND_HIGH_WATER to MAX_ROUND) of its records in memory, not whole responses.
 *
 * Every byte held is counted, here and in the broker's ResponseMemory: encoded responses from
 * the moment they are queued, chunks from their write until the kernel has them. Regions and
 * pooled chunks are released exactly once: when written, or when the connection closes.
 */
import type { Socket } from 'node:net'
import { sharedBufferPool, type Lease } from '../buffers/buffer-pool.js'
import { isTransferable, type Chunk, type Transferable } from '../protocol/transferable.js'
import type { ResponseMemory } from './response-memory.js'

/**
 * A round of writes (one writev) is SEND_HIGH_WATER; when the kernel takes a whole round at once
 * the next may be twice as large, up to MAX_ROUND (fewer, larger writes cost less CPU per MB on a
 * fast socket); a round the kernel does not take whole brings it back down. So a connection
 * whose client reads slowly holds at most about one round.
 */
export const SEND_HIGH_WATER = 512 * 1024
const MAX_ROUND = 4 * 1024 * 1024
/** The most of a region read at once. */
export const REGION_CHUNK = 1024 * 1024
/**
 * The most of its regions one connection reads in one turn of the event loop; then it lets the
 * others go first (setImmediate), so a burst of big fetches cannot keep a small request waiting
 * for all of them.
 */
const TURN_BYTES = 4 * 1024 * 1024

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
  /** This connection's round size now (see SEND_HIGH_WATER). */
  #roundLimit = SEND_HIGH_WATER

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

  /**
   * Writes queued responses in order while the socket takes them; reads regions as it goes. The
   * writes of a round go out corked (one writev) with one callback; when the kernel took them at
   * once the next round follows in the same turn, up to TURN_BYTES of regions.
   */
  #pump(): void {
    if (this.#closed || this.#yielded) return
    const turn: Turn = { read: 0, progressed: false }
    for (;;) {
      const round: Round = { bytes: 0, leases: [], last: undefined }
      this.#socket.cork()
      const outcome = this.#round(turn, round)
      this.#endRound(round)
      this.#socket.uncork()
      // Nothing went out: the socket is still full of earlier rounds, or nothing is ready.
      if (round.bytes === 0) break
      // Taken whole at once (the write completed synchronously): a fast reader.
      const taken = this.#socket.writableLength === 0
      this.#roundLimit = taken ? Math.min(this.#roundLimit * 2, MAX_ROUND) : SEND_HIGH_WATER
      if (!taken || outcome !== 'full' || this.#closed) break
    }
    if (turn.progressed) this.#onChange()
  }

  /**
   * One corked round: 'full' when the socket buffers a round's worth, 'wait' when nothing more can
   * go now (the next response is not ready, the broker is over its bound, the turn's budget is
   * spent, or a region failed).
   */
  #round(turn: Turn, round: Round): 'full' | 'wait' {
    const socket = this.#socket
    while (this.#queue.length > 0) {
      const slot = this.#queue[0]!
      if (!slot.done) return 'wait'
      const chunks = slot.chunks
      if (chunks === null || this.#index >= chunks.length) {
        this.#queue.shift()
        this.#index = 0
        this.#offset = 0
        turn.progressed = true
        continue
      }
      if (socket.writableLength + (round.last?.length ?? 0) >= this.#roundLimit) return 'full'
      const chunk = chunks[this.#index]!
      if (!isTransferable(chunk)) {
        // Held all along: from the queue it moves into the socket.
        this.#queued -= chunk.length
        this.#write(round, chunk)
        this.#index++
        continue
      }
      // Under the broker-wide bound, a connection still holding bytes waits for its socket.
      if (this.#memory.overLimit && this.#inSocket + round.bytes > 0) return 'wait'
      if (turn.read >= TURN_BYTES) {
        this.#yielded = true
        setImmediate(() => {
          this.#yielded = false
          this.#pump()
        })
        return 'wait'
      }
      const n = this.#writeRegionChunk(round, chunk)
      if (n < 0) return 'wait'
      turn.read += n
    }
    return 'wait'
  }

  /** Reads and writes the next piece of a region: the bytes read, or -1 if it came up short. */
  #writeRegionChunk(round: Round, region: Transferable): number {
    const n = Math.min(region.length - this.#offset, REGION_CHUNK, Math.max(this.#roundLimit - round.bytes, 64 * 1024))
    if (n > 0) {
      const lease = sharedBufferPool.lease(n)
      let got: number
      try {
        got = region.copyTo(lease.buffer, 0, this.#offset, n)
      } catch (err) {
        lease.release()
        this.#onError(`cannot read a fetch response's records: ${(err as Error).message}`)
        return -1
      }
      if (got < n) {
        lease.release()
        this.#onError(`a fetch response's records came up short (${got} of ${n} bytes at ${this.#offset})`)
        return -1
      }
      this.#memory.add(n)
      round.leases.push(lease)
      this.#write(round, lease.buffer)
      this.#offset += n
    }
    if (this.#offset >= region.length) {
      region.release()
      this.#index++
      this.#offset = 0
    }
    return n
  }

  /**
   * Writes bytes already counted in ResponseMemory. The round's last buffer is held back so that
   * it alone carries the round's callback (the socket completes writes in order).
   */
  #write(round: Round, buf: Buffer): void {
    if (round.last !== undefined) this.#socket.write(round.last)
    round.last = buf
    round.bytes += buf.length
    this.#inSocket += buf.length
  }

  /** Writes the round's last buffer with the callback that accounts for the whole round. */
  #endRound(round: Round): void {
    const last = round.last
    if (last === undefined) return
    const { bytes, leases } = round
    // Node calls this once the bytes are written, and also when the socket was destroyed first.
    this.#socket.write(last, () => {
      this.#inSocket -= bytes
      this.#memory.sub(bytes)
      this.#lastActive = Date.now()
      for (const l of leases) l.release()
      // A pump held back by the broker-wide bound goes on once this socket has nothing pending
      // ('drain' comes only after a write the stream refused).
      if (this.#inSocket === 0) this.#pump()
      this.#onChange()
    })
  }
}

interface Turn {
  /** Region bytes read in this turn of the event loop. */
  read: number
  progressed: boolean
}

interface Round {
  bytes: number
  /** The pooled buffers written in this round, released by its callback. */
  leases: Lease[]
  /** The round's last buffer, not yet written. */
  last: Buffer | undefined
}

/** Releases the regions of `chunks` from `index` on (the one at `index` may be partly sent). */
function releaseAll(chunks: Chunk[], index: number): void {
  for (let i = index; i < chunks.length; i++) {
    const c = chunks[i]!
    if (isTransferable(c)) c.release()
  }
}
