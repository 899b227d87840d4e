/**
 * One TCP connection to one broker: size-prefixed framing, correlation ids, pipelining (requests
 * are written as they come and answered in order), per-request timeouts, and the ApiVersions
 * exchange that fixes which version of each API this connection uses.
 *
 * Why our own client: it reuses the exact generated codecs the broker serves, so every API and
 * every version Kafka defines is available to tools and tests, and the project carries no
 * third-party Kafka client. It is written to work against a real Kafka as well: versions are
 * negotiated (min(our max, broker max) per API), request headers are v1 or v2 by flexibility,
 * ApiVersions responses are read with header v0, and a broker that rejects our ApiVersions
 * version (answering in the v0 format) is asked again with a version it supports.
 */
import { connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions as TlsOptions } from 'node:tls'
import { Reader } from '../protocol/reader.js'
import { Writer } from '../protocol/writer.js'
import { apiSpecs, ApiKey, type ApiName, type RequestOf, type ResponseOf } from '../protocol/generated/index.js'
import type { Input } from '../protocol/codec-support.js'
import { encodeRequestHeader } from '../protocol/generated/request-header.js'
import { decodeApiVersionsResponse, type ApiVersionsResponse } from '../protocol/generated/api-versions-response.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ClientError, check } from './errors.js'
import {
  API_VERSIONS_KEY,
  apiName,
  clientRange,
  pickVersion,
  requestHeaderVersion,
  responseHeaderVersion,
  type VersionRange,
  type VersionTable,
} from './versions.js'
import { saslClient, type SaslOptions } from './sasl.js'
import { FrameAssembler, type FrameLease } from './frame-assembler.js'

const CLIENT_SOFTWARE_NAME = 'samsa'
const CLIENT_SOFTWARE_VERSION = '0.1.0'

export interface ConnectionOptions {
  host: string
  port: number
  /** Sent in every request header; default `samsa`. */
  clientId?: string | null
  /** Default 10 s. */
  connectTimeoutMs?: number
  /** Default 30 s; a request may ask for more (a long-polling Fetch). */
  requestTimeoutMs?: number
  /** Skip the ApiVersions exchange (tests); then only `send` with explicit versions works. */
  negotiate?: boolean
  /** TLS (SSL and SASL_SSL): node:tls options (ca, cert, key, rejectUnauthorized...); servername defaults to the host. */
  tls?: TlsOptions
  /** SASL (SASL_PLAINTEXT and SASL_SSL): authenticates right after ApiVersions. */
  sasl?: SaslOptions
  /** Where leased responses (requestLeased) get their memory; without one they get their own. */
  framePool?: FramePool
}

/** A pool of reusable buffers (the broker's shared buffer pool). */
export interface FramePool {
  lease(size: number): { readonly buffer: Buffer; release(): void }
}

export interface SendOptions {
  timeoutMs?: number
  /** False for Produce with acks=0: the broker sends nothing back. */
  expectResponse?: boolean
  /** Replaces the generated response decoder. */
  decode?: (r: Reader, version: number) => unknown
  /**
   * The response is read into a pooled buffer and resolves as `{ response, release }`: for a
   * response whose bytes the caller keeps a while and then gives back (see requestLeased).
   */
  leased?: boolean
}

/** A response read into a pooled buffer (requestLeased): `release()` gives the buffer back, exactly once. */
export interface LeasedResponse<T> {
  readonly response: T
  release(): void
}

export interface RequestOptions extends SendOptions, Partial<VersionRange> {}

interface Pending {
  apiKey: number
  version: number
  headerVersion: 0 | 1
  decode: (r: Reader, version: number) => unknown
  leased: boolean
  resolve: (value: unknown) => void
  reject: (err: Error) => void
  timer: NodeJS.Timeout | undefined
}

export class Connection {
  readonly host: string
  readonly port: number
  readonly clientId: string | null
  readonly requestTimeoutMs: number
  /** The broker's full ApiVersions answer (empty before negotiation). */
  apiVersions: ApiVersionsResponse | undefined
  #socket: Socket
  #versions: VersionTable = new Map()
  #pending = new Map<number, Pending>()
  #nextId = 1
  readonly #frames: FrameAssembler
  #closed = false
  #closing = false
  #error: Error | undefined
  #onClose: Array<() => void> = []

  private constructor(socket: Socket, input: SocketInput, opts: ConnectionOptions) {
    this.host = opts.host
    this.port = opts.port
    this.clientId = opts.clientId === undefined ? CLIENT_SOFTWARE_NAME : opts.clientId
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 30_000
    this.#socket = socket
    this.#frames = new FrameAssembler({
      allocate: (size, id) => {
        const pool = opts.framePool
        if (pool === undefined || this.#pending.get(id)?.leased !== true) return { buffer: Buffer.allocUnsafe(size) }
        const lease = pool.lease(size)
        return { buffer: lease.buffer, lease }
      },
      frame: (frame, lease) => this.#onFrame(frame, lease),
      invalid: (size) => {
        this.#error = new ClientError('SAMSA_CLIENT_DECODE', `invalid frame size ${size} from ${this.address}`)
        this.#socket.destroy()
      },
    })
    input.feed = (buf, start, end) => this.#frames.feed(buf, start, end)
    socket.on('error', (err) => {
      this.#error ??= err
    })
    socket.on('close', () => this.#onSocketClose())
  }

  /** Opens a connection and, unless told not to, negotiates API versions. */
  static async connect(opts: ConnectionOptions): Promise<Connection> {
    const input: SocketInput = { feed: () => {} }
    const socket = await openSocket(opts.host, opts.port, opts.connectTimeoutMs ?? 10_000, opts.tls, input)
    const conn = new Connection(socket, input, opts)
    if (opts.negotiate !== false) {
      try {
        await conn.#negotiate()
        if (opts.sasl !== undefined) await conn.#authenticate(opts.sasl)
      } catch (err) {
        conn.destroy()
        throw err
      }
    }
    return conn
  }

  get address(): string {
    return `${this.host}:${this.port}`
  }

  get closed(): boolean {
    return this.#closed || this.#closing
  }

  /** The broker's version ranges by API key. */
  get versions(): VersionTable {
    return this.#versions
  }

  /** Calls `fn` once when the connection closes, for whoever caches it. */
  onClose(fn: () => void): void {
    if (this.#closed) queueMicrotask(fn)
    else this.#onClose.push(fn)
  }

  /** The version this connection uses for an API, within optional limits. */
  versionFor(apiKey: number, limit?: Partial<VersionRange>): number {
    return pickVersion(apiKey, this.#versions, limit, `the broker at ${this.address}`)
  }

  /** Sends a typed request at the negotiated version; `body` may depend on that version. */
  request<N extends ApiName>(
    api: N,
    body: Input<RequestOf<(typeof ApiKey)[N]>> | ((version: number) => Input<RequestOf<(typeof ApiKey)[N]>>),
    opts: RequestOptions = {},
  ): Promise<ResponseOf<(typeof ApiKey)[N]>> {
    const key: number = ApiKey[api]
    let version: number
    try {
      version = this.versionFor(key, opts)
    } catch (err) {
      return Promise.reject(err)
    }
    const b = typeof body === 'function' ? body(version) : body
    return this.send(key, version, b, opts) as Promise<ResponseOf<(typeof ApiKey)[N]>>
  }

  /**
   * As request(), for a response whose bytes the caller holds on to for a while (a follower's
   * fetched records until its log has written them): the response is read into a buffer of the
   * connection's framePool, which `release()` gives back once nothing refers to the response's
   * bytes any more (without a framePool the response has a buffer of its own).
   */
  requestLeased<N extends ApiName>(
    api: N,
    body: Input<RequestOf<(typeof ApiKey)[N]>> | ((version: number) => Input<RequestOf<(typeof ApiKey)[N]>>),
    opts: RequestOptions = {},
  ): Promise<LeasedResponse<ResponseOf<(typeof ApiKey)[N]>>> {
    return this.request(api, body, { ...opts, leased: true }) as unknown as Promise<LeasedResponse<ResponseOf<(typeof ApiKey)[N]>>>
  }

  /** Sends any API at an explicit version; resolves with the decoded response. */
  send(apiKey: number, version: number, body: unknown, opts: SendOptions = {}): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(new ClientError('SAMSA_CLIENT_DISCONNECTED', `connection to ${this.address} is closed`, { cause: this.#error }))
    }
    const spec = apiSpecs.get(apiKey)
    if (spec === undefined) return Promise.reject(new ClientError('SAMSA_CLIENT_UNSUPPORTED', `unknown API key ${apiKey}`))
    const id = this.#nextId
    this.#nextId = this.#nextId >= 0x7fffffff ? 1 : this.#nextId + 1
    const w = new Writer(256)
    try {
      encodeRequestHeader(w, requestHeaderVersion(apiKey, version), {
        requestApiKey: apiKey,
        requestApiVersion: version,
        correlationId: id,
        clientId: this.clientId,
      })
      spec.encodeRequest(w, version, body)
    } catch (err) {
      const msg = `could not encode ${spec.name} v${version}: ${(err as Error).message}`
      return Promise.reject(new ClientError('SAMSA_CLIENT_INVALID', msg, { cause: err }))
    }
    const chunks = w.toBuffers()
    const size = Buffer.allocUnsafe(4)
    size.writeInt32BE(w.length, 0)
    if (opts.expectResponse === false) {
      return new Promise((resolve, reject) => {
        this.#write(size, chunks, (err) => {
          if (err) reject(new ClientError('SAMSA_CLIENT_DISCONNECTED', `write to ${this.address} failed: ${err.message}`, { cause: err }))
          else resolve(undefined)
        })
      })
    }
    return new Promise((resolve, reject) => {
      const timeoutMs = opts.timeoutMs ?? this.requestTimeoutMs
      const pending: Pending = {
        apiKey,
        version,
        headerVersion: responseHeaderVersion(apiKey, version),
        decode: opts.decode ?? spec.decodeResponse,
        leased: opts.leased === true,
        resolve,
        reject,
        timer: undefined,
      }
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        pending.timer = setTimeout(() => {
          if (this.#pending.delete(id)) {
            reject(new ClientError('SAMSA_CLIENT_TIMEOUT', `${spec.name} request to ${this.address} timed out after ${timeoutMs} ms`))
          }
        }, timeoutMs)
      }
      this.#pending.set(id, pending)
      this.#write(size, chunks)
    })
  }

  /** Closes gracefully: pending requests fail with SAMSA_CLIENT_CLOSED. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve()
    this.#closing = true
    this.#failPending(new ClientError('SAMSA_CLIENT_CLOSED', `connection to ${this.address} was closed`))
    return new Promise((resolve) => {
      this.onClose(resolve)
      this.#socket.end()
      setTimeout(() => this.#socket.destroy(), 1000).unref()
    })
  }

  destroy(): void {
    this.#closing = true
    this.#socket.destroy()
  }

  #write(size: Buffer, chunks: Buffer[], cb?: (err?: Error | null) => void): void {
    const s = this.#socket
    s.cork()
    s.write(size)
    for (let i = 0; i < chunks.length; i++) s.write(chunks[i]!, i === chunks.length - 1 ? cb : undefined)
    if (chunks.length === 0) cb?.()
    s.uncork()
  }

  async #negotiate(): Promise<void> {
    const ours = clientRange(API_VERSIONS_KEY)!
    let version = ours.maxVersion
    const body = { clientSoftwareName: CLIENT_SOFTWARE_NAME, clientSoftwareVersion: CLIENT_SOFTWARE_VERSION }
    for (;;) {
      const res = (await this.send(API_VERSIONS_KEY, version, body, { decode: decodeApiVersionsAnyFormat })) as ApiVersionsResponse
      if (res.errorCode === ErrorCode.UNSUPPORTED_VERSION && version > 0) {
        // The broker answered in the v0 format with its own ranges: retry at one it supports.
        const theirs = res.apiKeys.find((k) => k.apiKey === API_VERSIONS_KEY)
        const next = theirs === undefined ? 0 : Math.min(theirs.maxVersion, ours.maxVersion)
        version = next < version ? next : 0
        continue
      }
      check(res.errorCode, { api: 'ApiVersions', broker: this.address })
      this.apiVersions = res
      this.#versions = new Map(res.apiKeys.map((k) => [k.apiKey, { minVersion: k.minVersion, maxVersion: k.maxVersion }]))
      return
    }
  }

  /** SaslHandshake v1, then SaslAuthenticate until the mechanism is done (Kafka's SaslClientAuthenticator). */
  async #authenticate(o: SaslOptions): Promise<void> {
    const hs = await this.request('SaslHandshake', { mechanism: o.mechanism }, { minVersion: 1 })
    if (hs.errorCode !== ErrorCode.NONE) {
      throw new ClientError(
        'SAMSA_CLIENT_AUTH',
        `the broker at ${this.address} does not enable SASL mechanism ${o.mechanism} (it enables ${hs.mechanisms.join(', ') || 'none'})`,
      )
    }
    const client = saslClient(o)
    let server = Buffer.alloc(0)
    for (;;) {
      const token = await client.next(server)
      if (token === null) return
      const res = await this.request('SaslAuthenticate', { authBytes: token })
      if (res.errorCode !== ErrorCode.NONE) {
        throw new ClientError(
          'SAMSA_CLIENT_AUTH',
          `authentication with ${o.mechanism} at ${this.address} failed: ${res.errorMessage ?? 'SASL_AUTHENTICATION_FAILED'}`,
        )
      }
      server = Buffer.from(res.authBytes)
      // PLAIN and OAUTHBEARER finish with the server's first answer unless it is an error challenge.
      if (server.length === 0 && o.mechanism !== 'SCRAM-SHA-256' && o.mechanism !== 'SCRAM-SHA-512') return
    }
  }

  #onFrame(frame: Buffer, lease: FrameLease | undefined): void {
    const r = new Reader(frame)
    const id = r.int32()
    const p = this.#pending.get(id)
    if (p === undefined) {
      // Timed out earlier; the late answer is dropped.
      lease?.release()
      return
    }
    this.#pending.delete(id)
    if (p.timer !== undefined) clearTimeout(p.timer)
    try {
      if (p.headerVersion === 1) r.taggedFields()
      const response = p.decode(r, p.version)
      if (!p.leased) p.resolve(response)
      else p.resolve({ response, release: lease === undefined ? () => {} : () => lease.release() })
    } catch (err) {
      lease?.release()
      const msg = `could not decode ${apiName(p.apiKey)} v${p.version} response from ${this.address}: ${(err as Error).message}`
      p.reject(new ClientError('SAMSA_CLIENT_DECODE', msg, { cause: err }))
    }
  }

  #failPending(err: Error): void {
    const pending = [...this.#pending.values()]
    this.#pending.clear()
    for (const p of pending) {
      if (p.timer !== undefined) clearTimeout(p.timer)
      p.reject(err)
    }
  }

  #onSocketClose(): void {
    this.#closed = true
    this.#frames.close()
    const reason = this.#error === undefined ? '' : `: ${this.#error.message}`
    this.#failPending(new ClientError('SAMSA_CLIENT_DISCONNECTED', `connection to ${this.address} closed${reason}`, { cause: this.#error }))
    const listeners = this.#onClose
    this.#onClose = []
    for (const fn of listeners) fn()
  }
}

/**
 * ApiVersions errors should come back in the v0 format whatever version was asked for, but some
 * brokers (librdkafka 2.0's mock cluster) answer in their own newest format instead; when neither
 * parses, the error alone is enough to fall back to v0.
 */
function decodeApiVersionsAnyFormat(r: Reader, version: number): ApiVersionsResponse {
  const errorCode = r.remaining >= 2 ? r.buf.readInt16BE(r.pos) : 0
  if (errorCode !== ErrorCode.UNSUPPORTED_VERSION) return decodeApiVersionsResponse(r, version)
  const start = r.pos
  for (const v of [0, 3]) {
    try {
      r.pos = start
      return decodeApiVersionsResponse(r, v)
    } catch {
      // try the next format
    }
  }
  r.pos = r.end
  return { errorCode, apiKeys: [], throttleTimeMs: 0, supportedFeatures: [], finalizedFeaturesEpoch: -1n, finalizedFeatures: [], zkMigrationReady: false }
}

/** Where a socket's bytes go (the connection's frame assembler, once it exists). */
interface SocketInput {
  feed(buf: Uint8Array, start: number, end: number): void
}

/**
 * Plain sockets read into one buffer shared by every connection of the process (`onread`):
 * Node's default is a fresh 64 KiB buffer per read, which made V8 run full GCs under load. The
 * bytes are copied out before the next read (FrameAssembler keeps nothing of it).
 */
let sharedReadBuffer: Buffer | undefined

function openSocket(host: string, port: number, timeoutMs: number, tls: TlsOptions | undefined, input: SocketInput): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let socket: Socket
    if (tls === undefined) {
      sharedReadBuffer ??= Buffer.allocUnsafe(64 * 1024)
      const onread = {
        buffer: sharedReadBuffer,
        callback: (n: number, buf: Uint8Array): boolean => {
          input.feed(buf, 0, n)
          return true
        },
      }
      socket = netConnect({ host, port, onread })
    } else {
      socket = tlsConnect({ servername: /^[\d.:]+$/.test(host) ? undefined : host, ...tls, host, port })
      socket.on('data', (chunk: Buffer) => input.feed(chunk, 0, chunk.length))
    }
    const fail = (why: string, cause?: unknown): void => {
      clearTimeout(timer)
      socket.destroy()
      reject(new ClientError('SAMSA_CLIENT_CONNECT', `no broker reachable at ${host}:${port} (${why})`, { cause }))
    }
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs)
    socket.once('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message, err))
    socket.once(tls === undefined ? 'connect' : 'secureConnect', () => {
      clearTimeout(timer)
      socket.removeAllListeners('error')
      socket.setNoDelay(true)
      resolve(socket)
    })
  })
}
