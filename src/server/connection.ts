/**
 * One client connection: int32 size framing, request header parsing, dispatch to the handler
 * registry, and responses written back in request order even when handlers finish out of order
 * (a long-polling Fetch followed by a Metadata). Bad input closes the connection with a log line;
 * it never reaches the broker's state.
 */
import type { Socket } from 'node:net'
import { Reader } from '../protocol/reader.js'
import { Writer } from '../protocol/writer.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ApiKey } from '../protocol/generated/index.js'
import { encodeApiVersionsResponse } from '../protocol/generated/api-versions-response.js'
import { NO_RESPONSE, type HandlerRegistry, type RegisteredHandler, type RequestContext } from '../broker/handler.js'
import type { Broker } from '../broker/broker.js'
import type { Logger } from '../logger.js'

export interface ConnectionInfo {
  readonly id: number
  readonly remoteAddress: string
  readonly remotePort: number
  readonly listenerName: string
}

interface Slot {
  done: boolean
  chunks: Buffer[] | null
}

/** Pause reading when this much response data is waiting for the socket. */
const HIGH_WATER = 16 * 1024 * 1024

/**
 * Produce requests that arrive in several socket reads are assembled in recycled buffers: a
 * fresh megabyte per request made V8 run a full GC for every 64 MB received (external memory
 * pressure) and the kernel fault in new pages. Produce handlers copy what they keep (the log
 * write), so a frame's buffer is free again once its response is encoded. Other APIs may keep
 * slices of their request (group metadata, say) and always get a buffer of their own.
 */
const framePool: Buffer[] = []
const FRAME_POOL_BYTES = 16 * 1024 * 1024
let framePoolBytes = 0

function acquireFrame(n: number): Buffer {
  let best = -1
  for (let i = 0; i < framePool.length; i++) {
    const b = framePool[i]!
    if (b.length >= n && (best < 0 || b.length < framePool[best]!.length)) best = i
  }
  if (best < 0) return Buffer.allocUnsafeSlow(Math.max(64 * 1024, 2 ** Math.ceil(Math.log2(n))))
  const b = framePool.splice(best, 1)[0]!
  framePoolBytes -= b.length
  return b
}

function releaseFrame(b: Buffer): void {
  if (framePoolBytes + b.length > FRAME_POOL_BYTES) return
  framePool.push(b)
  framePoolBytes += b.length
}

export class Connection implements ConnectionInfo {
  readonly id: number
  readonly remoteAddress: string
  readonly remotePort: number
  readonly listenerName: string
  readonly #socket: Socket
  readonly #broker: Broker
  readonly #registry: HandlerRegistry
  readonly #log: Logger
  readonly #maxRequestBytes: number
  #chunks: Buffer[] = []
  #buffered = 0
  #queue: Slot[] = []
  #closed = false

  constructor(id: number, socket: Socket, listenerName: string, broker: Broker, registry: HandlerRegistry, log: Logger, maxRequestBytes: number) {
    this.id = id
    this.#socket = socket
    this.remoteAddress = socket.remoteAddress ?? ''
    this.remotePort = socket.remotePort ?? 0
    this.listenerName = listenerName
    this.#broker = broker
    this.#registry = registry
    this.#log = log.child({ conn: id, remote: `${this.remoteAddress}:${this.remotePort}` })
    this.#maxRequestBytes = maxRequestBytes
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.#onData(chunk))
    socket.on('error', (err) => this.#log.debug({ err }, 'socket error'))
    socket.on('close', () => { this.#closed = true })
    socket.on('drain', () => { if (!this.#closed) socket.resume() })
  }

  get closed(): boolean {
    return this.#closed
  }

  close(reason?: string): void {
    if (this.#closed) return
    this.#closed = true
    if (reason !== undefined) this.#log.warn({ reason }, 'closing connection')
    this.#socket.destroy()
  }

  #onData(chunk: Buffer): void {
    this.#chunks.push(chunk)
    this.#buffered += chunk.length
    while (!this.#closed && this.#buffered >= 4) {
      const size = this.#peekSize()
      if (size < 0 || size > this.#maxRequestBytes) {
        this.close(`request size ${size} outside 0..socket.request.max.bytes (${this.#maxRequestBytes})`)
        return
      }
      if (this.#buffered < 4 + size) return
      const recycled = size >= 8 && 4 + size <= FRAME_POOL_BYTES && this.#chunks[0]!.length < 4 + size && this.#peekApiKey() === ApiKey.Produce
        ? acquireFrame(4 + size)
        : undefined
      const frame = this.#take(4 + size, recycled).subarray(4)
      this.#onFrame(frame, recycled)
    }
  }

  #peekSize(): number {
    const first = this.#chunks[0]!
    if (first.length >= 4) return first.readInt32BE(0)
    const head = Buffer.concat(this.#chunks, Math.min(this.#buffered, 8))
    return head.readInt32BE(0)
  }

  /** The API key of the buffered frame (at least 6 bytes are buffered). */
  #peekApiKey(): number {
    const first = this.#chunks[0]!
    if (first.length >= 6) return first.readInt16BE(4)
    return Buffer.concat(this.#chunks, Math.min(this.#buffered, 8)).readInt16BE(4)
  }

  /**
   * Removes n bytes from the front of the buffered chunks, copying only when a frame spans chunks
   * (into `into` when given).
   */
  #take(n: number, into?: Buffer): Buffer {
    this.#buffered -= n
    const first = this.#chunks[0]!
    if (first.length === n) {
      this.#chunks.shift()
      return first
    }
    if (first.length > n) {
      this.#chunks[0] = first.subarray(n)
      return first.subarray(0, n)
    }
    const out = into ?? Buffer.allocUnsafe(n)
    let at = 0
    while (at < n) {
      const c = this.#chunks[0]!
      const want = n - at
      if (c.length <= want) {
        c.copy(out, at)
        at += c.length
        this.#chunks.shift()
      } else {
        c.copy(out, at, 0, want)
        this.#chunks[0] = c.subarray(want)
        at += want
      }
    }
    return out
  }

  #onFrame(frame: Buffer, recycled?: Buffer): void {
    if (frame.length < 8) {
      this.close(`request of ${frame.length} bytes is shorter than a request header`)
      return
    }
    const apiKey = frame.readInt16BE(0)
    const apiVersion = frame.readInt16BE(2)
    const correlationId = frame.readInt32BE(4)
    const handler = this.#registry.get(apiKey)
    if (handler === undefined) {
      this.close(`unsupported API key ${apiKey}`)
      return
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) {
        // Answer in the v0 format so any client can read our ranges and retry (KIP-511).
        this.#reply(this.#unsupportedApiVersions(correlationId))
        return
      }
      this.close(`unsupported version ${apiVersion} of ${handler.spec.name}`)
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
      this.close(`cannot decode ${handler.spec.name} v${apiVersion}: ${(err as Error).message}`)
      return
    }
    const ctx: RequestContext = { broker: this.#broker, connection: this, apiKey, apiVersion, correlationId, clientId, registry: this.#registry }
    this.#dispatch(handler, ctx, request, recycled)
  }

  /** `recycled`: the frame's pooled buffer, handed back once the response is encoded. */
  #dispatch(handler: RegisteredHandler, ctx: RequestContext, request: unknown, recycled?: Buffer): void {
    const slot: Slot = { done: false, chunks: null }
    this.#queue.push(slot)
    const finish = (response: unknown): void => {
      slot.done = true
      if (response !== NO_RESPONSE) slot.chunks = this.#encode(handler, ctx, response)
      if (recycled !== undefined) releaseFrame(recycled)
      recycled = undefined
      this.#flush()
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
      this.close('internal error')
    }
    try {
      const minServed = handler.minServedVersion ?? handler.minVersion
      const result = ctx.apiVersion < minServed && handler.errorResponse !== undefined
        ? handler.errorResponse(ctx, request, ErrorCode.UNSUPPORTED_VERSION)
        : handler.handle(ctx, request)
      if (result !== null && typeof result === 'object' && typeof (result as Promise<unknown>).then === 'function') {
        ;(result as Promise<unknown>).then(finish, fail)
      } else {
        finish(result)
      }
    } catch (err) {
      fail(err)
    }
  }

  #encode(handler: RegisteredHandler, ctx: RequestContext, response: unknown): Buffer[] {
    const w = new Writer(512)
    w.int32(ctx.correlationId)
    // ApiVersions always answers with response header v0 so old clients can read it.
    const flexible = handler.spec.flexibleFrom >= 0 && ctx.apiVersion >= handler.spec.flexibleFrom && ctx.apiKey !== ApiKey.ApiVersions
    if (flexible) w.noTaggedFields()
    handler.spec.encodeResponse(w, ctx.apiVersion, response)
    return this.#framed(w)
  }

  #framed(w: Writer): Buffer[] {
    const size = Buffer.allocUnsafe(4)
    size.writeInt32BE(w.length, 0)
    return [size, ...w.toChunks()]
  }

  #unsupportedApiVersions(correlationId: number): Buffer[] {
    const w = new Writer(512)
    w.int32(correlationId)
    encodeApiVersionsResponse(w, 0, { errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: this.#registry.versions() })
    return this.#framed(w)
  }

  #reply(chunks: Buffer[]): void {
    this.#queue.push({ done: true, chunks })
    this.#flush()
  }

  #flush(): void {
    if (this.#closed) return
    const socket = this.#socket
    let corked = false
    while (this.#queue.length > 0 && this.#queue[0]!.done) {
      const slot = this.#queue.shift()!
      if (slot.chunks === null) continue
      if (!corked) {
        socket.cork()
        corked = true
      }
      for (const c of slot.chunks) socket.write(c)
    }
    if (corked) {
      socket.uncork()
      if (socket.writableLength > HIGH_WATER) socket.pause()
    }
  }
}
