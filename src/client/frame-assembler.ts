/**
 * Cuts a broker's byte stream into response frames (int32 size, then the frame), copying each
 * frame once, straight from what the socket read into a buffer of the frame's size. The buffer is
 * asked for when the frame's size and correlation id are known, so the connection can give a
 * response that the caller keeps a while (a follower's fetched records, written to its log) a
 * pooled buffer instead of fresh memory: fresh megabytes per response made V8 run full GCs and
 * the kernel fault in new pages, as they did on the broker's side (see buffer-pool.ts).
 *
 * `feed` may be given a buffer that is overwritten after it returns (a socket's `onread`
 * buffer): nothing of it is kept.
 */
/** A pooled buffer's hold (released when the frame's bytes are no longer needed). */
export interface FrameLease {
  release(): void
}

/** Size prefix and correlation id. */
const PREFIX = 8

export interface FrameTarget {
  /** A buffer for a frame of `size` bytes answering `correlationId` (a lease for a pooled one). */
  allocate(size: number, correlationId: number): { buffer: Buffer; lease?: FrameLease }
  /** A whole frame (correlation id first); `lease` is handed on with it. */
  frame(frame: Buffer, lease: FrameLease | undefined): void
  /** A frame size no response can have. */
  invalid(size: number): void
}

export class FrameAssembler {
  readonly #target: FrameTarget
  readonly #prefix = Buffer.alloc(PREFIX)
  #prefixHave = 0
  #frame: Buffer | null = null
  #lease: FrameLease | undefined
  #frameHave = 0
  #failed = false

  constructor(target: FrameTarget) {
    this.#target = target
  }

  /** Takes `buf[start..end)`. */
  feed(buf: Uint8Array, start: number, end: number): void {
    let at = start
    while (at < end && !this.#failed) {
      const frame = this.#frame
      if (frame === null) {
        const n = Math.min(PREFIX - this.#prefixHave, end - at)
        this.#prefix.set(buf.subarray(at, at + n), this.#prefixHave)
        this.#prefixHave += n
        at += n
        if (this.#prefixHave === PREFIX) this.#begin()
        continue
      }
      const n = Math.min(frame.length - this.#frameHave, end - at)
      frame.set(buf.subarray(at, at + n), this.#frameHave)
      this.#frameHave += n
      at += n
      if (this.#frameHave === frame.length) this.#finish()
    }
  }

  /** Gives back the buffer of a frame cut short (the connection closed). */
  close(): void {
    this.#failed = true
    this.#lease?.release()
    this.#lease = undefined
    this.#frame = null
  }

  #begin(): void {
    this.#prefixHave = 0
    const size = this.#prefix.readInt32BE(0)
    // Every response starts with its correlation id.
    if (size < 4) {
      this.#failed = true
      this.#target.invalid(size)
      return
    }
    const { buffer, lease } = this.#target.allocate(size, this.#prefix.readInt32BE(4))
    this.#prefix.copy(buffer, 0, 4, PREFIX)
    this.#frame = buffer
    this.#lease = lease
    this.#frameHave = 4
    if (size === 4) this.#finish()
  }

  #finish(): void {
    const frame = this.#frame!
    const lease = this.#lease
    this.#frame = null
    this.#lease = undefined
    this.#target.frame(frame, lease)
  }
}
