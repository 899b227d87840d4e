/**
 * One client connection: int32 size framing, request header parsing, dispatch to the handler
 * registry; the ResponseSender writes responses back in request order even when handlers finish
 * out of order (a long-polling Fetch followed by a Metadata). Bad input closes the connection
 * with a log line; it never reaches the broker's state.
 *
 * A connection is muted (its socket is not read, as Kafka mutes a channel) while it has
 * queued.max.requests requests in flight, while it holds more than CONNECTION_HELD_BYTES of
 * responses, or while the broker as a whole holds more than its bound and this connection holds
 * any: a client that sends and never reads gets no further than that. A quota violation mutes
 * it for the throttle time.
 *
 * On a SASL listener nothing but ApiVersions, SaslHandshake and SaslAuthenticate is served until
 * the client authenticated (frames are then bounded by sasl.server.max.receive.size); after a
 * SaslHandshake v0 the frames are raw SASL tokens, answered here. A connection whose SASL session
 * expired (KIP-368) is closed on its next request unless it re-authenticates.
 */
import type { Socket } from 'node:net'
import { Reader } from '../protocol/reader.js'
import { Writer } from '../protocol/writer.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ApiKey } from '../protocol/generated/index.js'
import { encodeApiVersionsResponse } from '../protocol/generated/api-versions-response.js'
import {
  NO_RESPONSE,
  requestContext,
  type BrokerParts,
  type ConnectionInfo,
  type HandlerRegistry,
  type RegisteredHandler,
  type RequestContext,
} from '../broker/handler.js'
import type { Logger } from '../logger.js'
import { sharedBufferPool, type Lease } from '../buffers/buffer-pool.js'
import type { Chunk } from '../protocol/transferable.js'
import { CONNECTION_HELD_BYTES, type ResponseMemory } from './response-memory.js'
import type { RequestMemory } from './request-memory.js'
import { ResponseSender } from './response-sender.js'
import { ANONYMOUS, type KafkaPrincipal } from '../security/principal.js'
import { SaslAuthenticator } from '../security/sasl-authenticator.js'
import type { ListenerSecurity } from '../security/listener-security.js'

export interface ConnectionOptions {
  id: number
  socket: Socket
  listenerName: string
  parts: BrokerParts
  registry: HandlerRegistry
  log: Logger
  /** socket.request.max.bytes */
  maxRequestBytes: number
  /** queued.max.requests: requests in flight on this connection before it is muted. */
  maxQueuedRequests: number
  /** The broker's account of held response bytes. */
  memory: ResponseMemory
  /** The broker's account of held Produce frames. */
  requestMemory: RequestMemory
  /** The listener's security (PLAINTEXT when omitted). */
  security?: ListenerSecurity
}

/** Bytes read before a frame's buffer is chosen: its int32 size and int16 API key. */
const PREFIX = 6

/**
 * Produce requests are assembled in leased buffers of the shared pool: a fresh megabyte per
 * request made V8 run a full GC for every 64 MB received (external memory pressure) and the
 * kernel fault in new pages. The connection holds the lease until the handler's result settles;
 * a handler that hands the bytes on (the log writer keeps a Produce's records until they are in
 * the file) retains it for as long as that takes (RequestContext.retainRequestBytes). Other APIs
 * may keep slices of their request (group metadata, say) and always get a buffer of their own.
 */
const POOLED_FRAME_MAX = 16 * 1024 * 1024
/**
 * Requests one connection may start in one turn of the event loop before the rest of what it
 * sent waits a turn (see #deferTurn): enough for a pipelining producer, few enough that their
 * answers are counted before they can add up to much.
 */
const REQUESTS_PER_TURN = 32
/**
 * A frame missing at least this many bytes is read into directly (see readTarget): below it the
 * copy out of the shared read buffer costs less than the extra read it would take.
 */
const DIRECT_READ_MIN = 32 * 1024
/**
 * After a frame at least this large, the next read takes only the next frame's prefix (see
 * readTarget): an extra read per frame, worth it when it saves copying a large part of the frame.
 */
const LARGE_FRAME = 128 * 1024

export class Connection implements ConnectionInfo {
  readonly id: number
  readonly remoteAddress: string
  readonly remotePort: number
  readonly listenerName: string
  readonly securityProtocol: string
  readonly sasl: SaslAuthenticator | null
  /** The principal of the client's TLS certificate (SSL listeners with client authentication). */
  tlsPrincipal: KafkaPrincipal | undefined
  readonly #socket: Socket
  readonly #parts: BrokerParts
  readonly #registry: HandlerRegistry
  readonly #log: Logger
  readonly #maxRequestBytes: number
  readonly #maxQueued: number
  readonly #memory: ResponseMemory
  readonly #requestMemory: RequestMemory
  readonly #sender: ResponseSender
  /** Whether reading is paused (socket.pause() stops the handle reading, `onread` sockets included). */
  #muted = false
  /** Bytes read but not yet looked at because the connection was muted meanwhile (a copy). */
  #backlog: Buffer | null = null
  /** Where the unread part of #backlog starts. */
  #backlogAt = 0
  /** The pooled buffer #backlog is, given back once it is worked through (see #setBacklog). */
  #backlogLease: Lease | undefined
  /** The backlog being assembled now (a buffer of this connection's own, unlike a read's). */
  #draining: Buffer | null = null
  #assembling = false
  /** Requests taken in this turn of the event loop (see REQUESTS_PER_TURN). */
  #turnRequests = 0
  /** The rest of a read waits for the next turn (the socket is paused meanwhile). */
  #turnDeferred = false
  #lastRead = Date.now()
  // The frame being assembled: its prefix, then its own buffer (see #assemble).
  readonly #prefix = Buffer.allocUnsafe(PREFIX)
  #prefixHave = 0
  #frame: Buffer | null = null
  #frameHave = 0
  /** The last frame begun was large (see readTarget). */
  #largeFrames = false
  /** The lease behind #frame, for a Produce request. */
  #lease: Lease | undefined
  /** A Produce frame's prefix is read and waits for the broker's request memory (see RequestMemory). */
  #awaitingMemory = false
  #closed = false
  /** Close once every response queued so far is written (a failed authentication). */
  #closeWhenWritten = false
  /** Not read before this time (Date.now()): a throttled client. */
  #throttledUntil = 0
  #throttleTimer: NodeJS.Timeout | undefined

  /** The caller feeds the socket's bytes to `receive` (the listener reads into a shared buffer). */
  constructor(opts: ConnectionOptions) {
    const socket = opts.socket
    this.id = opts.id
    this.#socket = socket
    this.remoteAddress = socket.remoteAddress ?? ''
    this.remotePort = socket.remotePort ?? 0
    this.listenerName = opts.listenerName
    this.securityProtocol = opts.security?.protocol ?? 'PLAINTEXT'
    this.#parts = opts.parts
    this.#registry = opts.registry
    this.#log = opts.log.child({ conn: opts.id, remote: `${this.remoteAddress}:${this.remotePort}` })
    this.#maxRequestBytes = opts.maxRequestBytes
    this.#maxQueued = opts.maxQueuedRequests
    this.#memory = opts.memory
    this.#requestMemory = opts.requestMemory
    const sasl = opts.security?.sasl ?? null
    this.sasl = sasl === null ? null : new SaslAuthenticator(sasl, this.#log)
    this.#sender = new ResponseSender(socket, opts.memory, this.#updateReading, (reason) => {
      this.#log.error({ reason }, 'response failed')
      this.close()
    })
    socket.setNoDelay(true)
    socket.on('error', (err) => this.#log.debug({ err }, 'socket error'))
    socket.on('close', () => {
      this.#closed = true
      this.#dropPartialFrame()
      this.#sender.close()
      this.#memory.cancel(this.#updateReading)
      this.#requestMemory.cancel(this.#memoryFreed)
      this.#backlog = null
      this.#backlogLease?.release()
      this.#backlogLease = undefined
      if (this.#throttleTimer !== undefined) clearTimeout(this.#throttleTimer)
    })
  }

  /** Who the client is: its SASL principal, else its certificate's, else User:ANONYMOUS. */
  get principal(): KafkaPrincipal {
    return this.sasl?.principal ?? this.tlsPrincipal ?? ANONYMOUS
  }

  throttle(ms: number): void {
    if (!(ms > 0) || this.#closed) return
    const until = Date.now() + ms
    if (until <= this.#throttledUntil) return
    this.#throttledUntil = until
    if (this.#throttleTimer !== undefined) clearTimeout(this.#throttleTimer)
    this.#throttleTimer = setTimeout(() => {
      // Timers may fire a millisecond early: this one ends the latest throttle whatever the clock says.
      this.#throttleTimer = undefined
      this.#throttledUntil = 0
      this.#updateReading()
    }, ms)
    this.#updateReading()
  }

  /** Stops reading and closes once the responses queued so far are written. */
  #closeAfterResponses(): void {
    this.#closeWhenWritten = true
    this.#updateReading()
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Requests read whose response is not yet fully written. */
  get inFlight(): number {
    return this.#sender.inFlight
  }

  /** Response bytes this connection holds in memory. */
  get heldBytes(): number {
    return this.#sender.held
  }

  /** Whether its socket is not being read now. */
  get muted(): boolean {
    return this.#muted
  }

  /** When bytes last came in or went out (Date.now() time). */
  get lastActive(): number {
    return Math.max(this.#lastRead, this.#sender.lastActive)
  }

  close(reason?: string): void {
    if (this.#closed) return
    this.#closed = true
    if (reason !== undefined) this.#log.warn({ reason }, 'closing connection')
    // What is queued is released now; answers that finish later are dropped.
    this.#sender.close()
    this.#socket.destroy()
  }

  /** Mutes or unmutes the socket after anything that changes what this connection holds. */
  readonly #updateReading = (): void => {
    if (this.#closed) return
    if (this.#closeWhenWritten && this.#sender.inFlight === 0) {
      this.#closed = true
      this.#socket.end()
      // A client that never reads its answer does not keep the socket.
      setTimeout(() => this.#socket.destroy(), 5000).unref()
      return
    }
    const held = this.#sender.held
    const overall = this.#memory.overLimit && held > 0
    const mute =
      this.#sender.inFlight >= this.#maxQueued ||
      held > CONNECTION_HELD_BYTES ||
      overall ||
      this.#closeWhenWritten ||
      this.#throttledUntil > Date.now() ||
      this.#awaitingMemory
    if (overall) this.#memory.whenBelow(this.#updateReading)
    if (mute === this.#muted) return
    this.#muted = mute
    if (mute) {
      this.#socket.pause()
      return
    }
    // What was read before the mute comes first; it may mute the connection again.
    this.#drainBacklog()
    if (!this.#muted && !this.#turnDeferred && !this.#closed) this.#socket.resume()
  }

  /**
   * Puts the rest of a read off to the next turn, so the answers of the requests taken so far
   * are counted (and may mute the connection) before more are read: one 64 KiB read can hold
   * a thousand small requests whose answers are each a thousand times larger.
   */
  #deferTurn(): void {
    if (this.#turnDeferred) return
    this.#turnDeferred = true
    this.#socket.pause()
    setImmediate(() => {
      this.#turnDeferred = false
      this.#turnRequests = 0
      if (this.#closed) return
      this.#drainBacklog()
      if (!this.#muted && !this.#turnDeferred && !this.#closed) this.#socket.resume()
    })
  }

  /**
   * Where the socket's next read should go (Node asks after each read): straight into the rest of
   * the frame being assembled when much of it is missing, so a Produce request's megabyte is not
   * copied out of `shared` (the listener's read buffer) a second time. Between the frames of a
   * client that sends large ones, only the next frame's size and key are read, so that its body
   * too goes straight into its own buffer (one more read per frame instead of copying up to 256
   * KiB, and nothing read that has to be put aside while the frame waits for request memory; a
   * frame that waits gets a few bytes first, which start it). Else `shared`.
   *
   * The frame and the prefix move only as #assemble takes bytes, from a read or from the backlog;
   * with no backlog, the next bytes are this read's, whenever it comes (after a mute, say), so
   * they land where they belong.
   */
  readTarget(shared: Buffer): Buffer {
    if (this.#backlog !== null || this.#closed) return shared
    const frame = this.#frame
    if (frame !== null) return frame.length - this.#frameHave >= DIRECT_READ_MIN ? frame.subarray(this.#frameHave) : shared
    if (!this.#largeFrames) return shared
    const want = this.#rawTokens ? 4 : PREFIX
    return this.#prefixHave < want ? this.#prefix.subarray(this.#prefixHave, want) : shared.subarray(0, 64)
  }

  /**
   * Feeds bytes read from the socket (`buf[start..end)`). `buf` is the listener's shared read
   * buffer, overwritten by the next read on any connection, so everything kept is copied out
   * before this returns; or the rest of the frame being assembled (readTarget), where the bytes
   * already are. Never throws: a bug here closes this connection, not the broker.
   */
  receive(buf: Buffer, start: number, end: number): void {
    this.#lastRead = Date.now()
    if (this.#backlog !== null) {
      // Bytes put aside go first.
      this.#setBacklog(this.#backlog.subarray(this.#backlogAt), buf.subarray(start, end))
      this.#drainBacklog()
      return
    }
    this.#assembleSafely(buf, start, end)
    this.#drainBacklog()
  }

  /** Assembles what was put aside while muted, as long as the connection is not muted again. */
  #drainBacklog(): void {
    while (this.#backlog !== null && !this.#muted && !this.#turnDeferred && !this.#assembling && !this.#closed) {
      const b = this.#backlog
      const lease = this.#backlogLease
      this.#backlog = null
      this.#backlogLease = undefined
      this.#draining = b
      try {
        this.#assembleSafely(b, this.#backlogAt, b.length)
      } finally {
        this.#draining = null
      }
      // Muted again part-way, the rest stays the backlog (frames copied what they took).
      if (this.#backlog === b) this.#backlogLease = lease
      else lease?.release()
    }
  }

  /**
   * Puts `head` then `tail` aside as the backlog, in a buffer of the shared pool: with many
   * producers waiting for request memory, nearly every read ends in part of a frame that must
   * wait, and a fresh copy of each (some 30 MB/s at 64 connections) was external memory that
   * made V8 run a full collection every few hundred milliseconds.
   */
  #setBacklog(head: Buffer | null, tail: Buffer): void {
    const lease = sharedBufferPool.lease((head?.length ?? 0) + tail.length)
    const at = head === null ? 0 : head.copy(lease.buffer, 0)
    tail.copy(lease.buffer, at)
    this.#backlogLease?.release()
    this.#backlogLease = lease
    this.#backlog = lease.buffer
    this.#backlogAt = 0
  }

  /** Never throws: a bug here closes this connection, not the broker. */
  #assembleSafely(buf: Buffer, start: number, end: number): void {
    this.#assembling = true
    try {
      this.#assemble(buf, start, end)
    } catch (err) {
      this.#log.error({ err }, 'request assembly failed')
      this.close('internal error')
    } finally {
      this.#assembling = false
    }
  }

  #assemble(buf: Buffer, start: number, end: number): void {
    let at = start
    while (at < end && !this.#closed) {
      if (this.#muted || this.#turnRequests >= REQUESTS_PER_TURN) {
        // One read may hold many requests: the rest waits (copied, the buffer is shared) until
        // unmuted or the next turn. A backlog being worked through is kept as it is, only the
        // position moves.
        if (buf === this.#draining) {
          this.#backlog = buf
          this.#backlogAt = at
        } else this.#setBacklog(null, buf.subarray(at, end))
        if (!this.#muted) this.#deferTurn()
        return
      }
      const frame = this.#frame
      if (frame === null) {
        // The size and API key come first (possibly split across reads): they choose the buffer.
        // A raw SASL token has only its size.
        const want = this.#rawTokens ? 4 : PREFIX
        const had = this.#prefixHave
        const n = Math.min(want - had, end - at)
        buf.copy(this.#prefix, had, at, at + n)
        at += n
        this.#prefixHave = had + n
        if (had < 4 && this.#prefixHave >= 4 && !this.#sizeOk(this.#prefix.readInt32BE(0))) return
        if (this.#prefixHave === want) this.#beginFrame()
        continue
      }
      const n = Math.min(frame.length - this.#frameHave, end - at)
      // Read straight into the frame (readTarget): the bytes are where they belong.
      const inPlace = buf.buffer === frame.buffer && buf.byteOffset + at === frame.byteOffset + this.#frameHave
      if (!inPlace) buf.copy(frame, this.#frameHave, at, at + n)
      at += n
      this.#frameHave += n
      if (this.#frameHave === frame.length) {
        const lease = this.#lease
        this.#frame = null
        this.#lease = undefined
        this.#turnRequests++
        if (this.#rawTokens) this.#onRawToken(frame)
        else this.#onFrame(frame, lease)
      }
    }
  }

  get #rawTokens(): boolean {
    return this.sasl?.expectsRawTokens === true
  }

  #sizeOk(size: number): boolean {
    if (this.sasl !== null && !this.sasl.authenticated) {
      // Kafka's SaslServerAuthenticator reads at most sasl.server.max.receive.size before authentication.
      const max = this.sasl.maxReceiveSize
      if (size < 0 || size > max) {
        this.close(`frame of ${size} bytes before authentication outside 0..sasl.server.max.receive.size (${max})`)
        return false
      }
      if (this.#rawTokens) return true
    }
    if (size < 0 || size > this.#maxRequestBytes) {
      this.close(
        size < 0
          ? `request size ${size} is negative`
          : `request of ${size} bytes is over socket.request.max.bytes (${this.#maxRequestBytes}); raise that broker config to accept it`,
      )
      return false
    }
    if (size < 8) {
      this.close(`request of ${size} bytes is shorter than a request header`)
      return false
    }
    return true
  }

  /** The broker's request memory is under its bound again: the waiting Produce frame may start. */
  readonly #memoryFreed = (): void => {
    this.#awaitingMemory = false
    this.#updateReading()
  }

  /**
   * Starts filling a frame buffer of exactly the frame's size with the prefix's API key in it.
   * A Produce frame waits (its prefix kept, the connection muted) while the broker holds
   * RequestMemory's bound of Produce frames.
   */
  #beginFrame(): void {
    const size = this.#prefix.readInt32BE(0)
    this.#largeFrames = size >= LARGE_FRAME
    const produce = !this.#rawTokens && this.#prefix.readInt16BE(4) === ApiKey.Produce && size <= POOLED_FRAME_MAX
    if (produce && this.#requestMemory.overLimit) {
      this.#awaitingMemory = true
      this.#requestMemory.whenBelow(this.#memoryFreed)
      this.#updateReading()
      return
    }
    this.#prefixHave = 0
    if (this.#rawTokens) {
      const token = Buffer.allocUnsafe(size)
      if (size === 0) {
        this.#onRawToken(token)
        return
      }
      this.#frame = token
      this.#frameHave = 0
      return
    }
    let frame: Buffer
    if (produce) {
      this.#lease = sharedBufferPool.lease(size, this.#requestMemory)
      frame = this.#lease.buffer
    } else {
      frame = Buffer.allocUnsafe(size)
    }
    this.#prefix.copy(frame, 0, 4, PREFIX)
    this.#frame = frame
    this.#frameHave = PREFIX - 4
  }

  /** A frame cut short by the connection closing: its pooled buffer can go straight back. */
  #dropPartialFrame(): void {
    this.#lease?.release()
    this.#lease = undefined
    this.#frame = null
  }

  /** A raw SASL token (after SaslHandshake v0): the mechanism's answer goes back size-prefixed. */
  #onRawToken(token: Buffer): void {
    const slot = this.#sender.reserve()
    this.#updateReading()
    this.sasl!.rawToken(token).then(
      (bytes) => {
        if (bytes === null) {
          this.#sender.complete(slot, null)
          this.close()
          return
        }
        const size = Buffer.allocUnsafe(4)
        size.writeInt32BE(bytes.length, 0)
        this.#sender.complete(slot, [size, bytes])
        this.#updateReading()
      },
      (err: unknown) => {
        this.#log.error({ err }, 'SASL token failed')
        this.close('internal error')
      },
    )
  }

  /** `frame`: the request without its size, at least a header's 8 bytes (see #sizeOk). */
  #onFrame(frame: Buffer, lease?: Lease): void {
    const apiKey = frame.readInt16BE(0)
    const apiVersion = frame.readInt16BE(2)
    const correlationId = frame.readInt32BE(4)
    const handler = this.#registry.get(apiKey)
    if (handler === undefined) {
      this.close(`unsupported API key ${apiKey}`)
      return
    }
    const sasl = this.sasl
    if (sasl !== null && apiKey !== ApiKey.SaslHandshake && apiKey !== ApiKey.SaslAuthenticate) {
      if (!sasl.authenticated && apiKey !== ApiKey.ApiVersions) {
        this.#reject(`unexpected ${handler.spec.name} request during SASL authentication`, lease)
        return
      }
      if (sasl.sessionExpired(Date.now())) {
        this.#reject('SASL session expired without re-authentication (connections.max.reauth.ms)', lease)
        return
      }
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) {
        // Answer in the v0 format so any client can read our ranges and retry (KIP-511).
        this.#sender.send(this.#unsupportedApiVersions(correlationId))
        return
      }
      this.#reject(`unsupported version ${apiVersion} of ${handler.spec.name}`, lease)
      return
    }
    let request: unknown
    let clientId: string | null
    try {
      const r = new Reader(frame, 8)
      clientId = r.nullableString(false)
      const flexible = handler.spec.flexibleFrom >= 0 && apiVersion >= handler.spec.flexibleFrom
      if (flexible) r.taggedFields()
      request = handler.spec.decodeRequest(r, apiVersion)
    } catch (err) {
      this.#reject(`cannot decode ${handler.spec.name} v${apiVersion}: ${(err as Error).message}`, lease)
      return
    }
    const ctx = requestContext(this.#parts, {
      connection: this,
      apiKey,
      apiVersion,
      correlationId,
      clientId,
      apis: this.#registry,
      retainRequestBytes:
        lease === undefined
          ? noRelease
          : () => {
              lease.retain()
              let held = true
              return () => {
                if (held) lease.release()
                held = false
              }
            },
    })
    this.#dispatch(handler, ctx, request, lease)
  }

  /** Closes on a request that will not be handled; nothing holds its pooled buffer any more. */
  #reject(reason: string, lease: Lease | undefined): void {
    lease?.release()
    this.close(reason)
  }

  /** `lease`: the frame's pooled buffer, released by the connection once the handler's result settled. */
  #dispatch(handler: RegisteredHandler, ctx: RequestContext, request: unknown, lease?: Lease): void {
    const slot = this.#sender.reserve()
    this.#updateReading()
    let requestThrottleMs = 0
    const finish = (response: unknown): void => {
      // Kafka answers the larger of a byte-rate and the request quota's throttle (KIP-219).
      // (A copy: a handler may answer with an object it keeps.)
      const r = response as { throttleTimeMs?: unknown } | null
      if (requestThrottleMs > 0 && typeof r?.throttleTimeMs === 'number') response = { ...r, throttleTimeMs: Math.max(r.throttleTimeMs, requestThrottleMs) }
      const chunks = response === NO_RESPONSE ? null : this.#encode(handler, ctx, response)
      lease?.release()
      lease = undefined
      this.#sender.complete(slot, chunks)
      if (this.sasl?.closeRequested === true) this.#closeAfterResponses()
      this.#updateReading()
    }
    const fail = (err: unknown): void => {
      this.#log.error({ err, api: handler.spec.name, version: ctx.apiVersion }, 'handler failed')
      if (handler.errorResponse !== undefined) {
        try {
          finish(handler.errorResponse(ctx, request, ErrorCode.UNKNOWN_SERVER_ERROR))
          return
        } catch (e) {
          this.#log.error({ err: e }, 'error response failed')
        }
      }
      // No answer: the frame is not needed any more (a lost lease would stay counted).
      lease?.release()
      lease = undefined
      this.close('internal error')
    }
    try {
      const minServed = handler.minServedVersion ?? handler.minVersion
      const started = process.hrtime.bigint()
      const result =
        ctx.apiVersion < minServed && handler.errorResponse !== undefined
          ? handler.errorResponse(ctx, request, ErrorCode.UNSUPPORTED_VERSION)
          : handler.handle(ctx, request)
      requestThrottleMs = this.#recordRequestTime(ctx, process.hrtime.bigint() - started)
      if (result !== null && typeof result === 'object' && typeof (result as Promise<unknown>).then === 'function') {
        ;(result as Promise<unknown>).then(finish, fail)
      } else {
        finish(result)
      }
    } catch (err) {
      fail(err)
    }
  }

  /**
   * The request_percentage quota: the event loop time the handler took (Kafka counts request
   * thread time), as percent-seconds. ApiVersions and the SASL requests are exempt, as in Kafka.
   */
  #recordRequestTime(ctx: RequestContext, nanos: bigint): number {
    const quotas = this.#parts.security.quotas
    if (!quotas.enabled || ctx.apiKey === ApiKey.ApiVersions || ctx.apiKey === ApiKey.SaslHandshake || ctx.apiKey === ApiKey.SaslAuthenticate) return 0
    const ms = quotas.recordAndGetThrottleTimeMs('request', this.principal.name, ctx.clientId ?? '', Number(nanos) / 1e7)
    this.throttle(ms)
    return ms
  }

  #encode(handler: RegisteredHandler, ctx: RequestContext, response: unknown): Chunk[] {
    const w = new Writer(512)
    w.int32(ctx.correlationId)
    // ApiVersions always answers with response header v0 so old clients can read it.
    const flexible = handler.spec.flexibleFrom >= 0 && ctx.apiVersion >= handler.spec.flexibleFrom && ctx.apiKey !== ApiKey.ApiVersions
    if (flexible) w.noTaggedFields()
    handler.spec.encodeResponse(w, ctx.apiVersion, response)
    return this.#framed(w)
  }

  #framed(w: Writer): Chunk[] {
    const size = Buffer.allocUnsafe(4)
    size.writeInt32BE(w.length, 0)
    return [size, ...w.toChunks()]
  }

  #unsupportedApiVersions(correlationId: number): Chunk[] {
    const w = new Writer(512)
    w.int32(correlationId)
    encodeApiVersionsResponse(w, 0, { errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: this.#registry.versions() })
    return this.#framed(w)
  }
}

const nothing = (): void => {}

/** A request in a buffer of its own: the garbage collector keeps its bytes as long as needed. */
const noRelease = (): (() => void) => nothing
