/**
 * One TCP connection to one ZooKeeper server: the session handshake, framing, requests answered
 * in order (ZooKeeper replies to one session's requests in the order it received them, so the
 * next reply must match the oldest pending xid), pings, and the hung-server watchdog.
 *
 * The watchdog is the reason this client exists (see client.ts): a connection from which nothing
 * was received for 2/3 of the negotiated session timeout is declared lost, exactly like Java's
 * ClientCnxn (readTimeout = sessionTimeout * 2/3). A server that is frozen (SIGSTOP, GC pause, a
 * cut link) keeps the TCP connection open but stops answering pings; without the watchdog the
 * client would stay "connected" while the ensemble expires the session and deletes its
 * ephemerals. Pings go out when nothing was sent for 1/3 of the session timeout.
 */
import { connect as netConnect, type Socket } from 'node:net'
import { Reader } from '../protocol/reader.js'
import type { Logger } from '../logger.js'
import { ZooKeeperError } from './errors.js'
import type { ServerAddress } from './paths.js'
import {
  decodeConnectResponse,
  decodeReplyHeader,
  decodeWatcherEvent,
  encodeConnectRequest,
  encodeRequest,
  OpCode,
  Xid,
  type ConnectRequest,
  type ConnectResponse,
  type RawWatcherEvent,
} from './protocol.js'

/** A request on the wire, waiting for its reply. */
export interface PendingRequest {
  xid: number
  frame: Buffer
  /**
   * Turns the reply into a value (or throws). It runs synchronously when the reply is read, in
   * order with watch notifications, so a watch it registers is in place before the next event.
   */
  onReply(err: number, r: Reader): unknown
  resolve(value: unknown): void
  reject(err: Error): void
}

export interface ServerConnectionOptions {
  server: ServerAddress
  connect: ConnectRequest
  /** TCP connect plus handshake must finish within this */
  connectTimeoutMs: number
  maxPacketBytes: number
  logger: Logger
  onNotification(event: RawWatcherEvent): void
  /** the zxid of every reply to a numbered request */
  onZxid(zxid: bigint): void
}

export class ServerConnection {
  readonly server: ServerAddress
  readonly label: string
  /** Resolves (never rejects) with the reason once the connection has ended. */
  readonly closed: Promise<string>
  #resolveClosed!: (reason: string) => void
  /** Settles once with the server's ConnectResponse, or CONNECTIONLOSS. */
  handshake!: Promise<ConnectResponse>
  readonly #opts: ServerConnectionOptions
  readonly #socket: Socket
  #pending: PendingRequest[] = []
  #chunks: Buffer[] = []
  #buffered = 0
  #frameLength = -1
  #handshake: { resolve(r: ConnectResponse): void; reject(e: Error): void } | null = null
  #timer: NodeJS.Timeout | null = null
  #lastRecv = 0
  #lastSend = 0
  #readTimeoutMs = 0
  #pingIntervalMs = 0
  #ended = false

  private constructor(opts: ServerConnectionOptions) {
    this.#opts = opts
    this.server = opts.server
    this.label = `${opts.server.host}:${opts.server.port}`
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve
    })
    this.#socket = netConnect({ host: opts.server.host, port: opts.server.port })
    this.#socket.setNoDelay(true)
    this.#socket.on('data', (chunk: Buffer) => this.#onData(chunk))
    this.#socket.on('error', (err) => this.close(err.message))
    this.#socket.on('close', () => this.close('closed by the server'))
  }

  /**
   * Connects and sends the ConnectRequest; `handshake` settles with the ConnectResponse or a
   * CONNECTIONLOSS error. close() aborts an attempt in progress.
   */
  static open(opts: ServerConnectionOptions): ServerConnection {
    const conn = new ServerConnection(opts)
    conn.handshake = new Promise((resolve, reject) => {
      const timer = setTimeout(() => conn.close(`no handshake within ${opts.connectTimeoutMs} ms`), opts.connectTimeoutMs)
      conn.#handshake = {
        resolve: (response) => {
          clearTimeout(timer)
          resolve(response)
        },
        reject: (err) => {
          clearTimeout(timer)
          reject(err)
        },
      }
    })
    conn.#socket.once('connect', () => {
      conn.#lastSend = Date.now()
      conn.#socket.write(encodeConnectRequest(opts.connect))
    })
    return conn
  }

  get pendingCount(): number {
    return this.#pending.length
  }

  /** Starts pings and the watchdog for a session with this negotiated timeout. */
  start(sessionTimeoutMs: number): void {
    this.#readTimeoutMs = Math.floor((sessionTimeoutMs * 2) / 3)
    this.#pingIntervalMs = Math.floor(this.#readTimeoutMs / 2)
    this.#lastRecv = Date.now()
    const tick = Math.max(10, Math.floor(this.#readTimeoutMs / 8))
    this.#timer = setInterval(() => this.#check(), tick)
    this.#timer.unref() // the socket keeps the process alive, not the watchdog
  }

  #check(): void {
    const now = Date.now()
    const idleRecv = now - this.#lastRecv
    if (idleRecv > this.#readTimeoutMs) {
      this.close(`no answer from the server for ${idleRecv} ms (session timeout x 2/3 = ${this.#readTimeoutMs} ms)`)
      return
    }
    if (now - this.#lastSend >= this.#pingIntervalMs) this.#write(encodeRequest(Xid.ping, OpCode.ping))
  }

  send(req: PendingRequest): void {
    if (this.#ended) {
      req.reject(this.#lossError('connection closed'))
      return
    }
    this.#pending.push(req)
    this.#write(req.frame)
  }

  /** A frame whose reply has a reserved xid (setWatches); its reply is only logged. */
  sendUntracked(frame: Buffer): void {
    if (!this.#ended) this.#write(frame)
  }

  #write(frame: Buffer): void {
    this.#lastSend = Date.now()
    this.#socket.write(frame)
  }

  /** Ends the connection; pending requests fail with CONNECTIONLOSS (their outcome is unknown). */
  close(reason: string): void {
    if (this.#ended) return
    this.#ended = true
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#socket.destroy()
    const err = this.#lossError(reason)
    this.#handshake?.reject(err)
    this.#handshake = null
    const pending = this.#pending
    this.#pending = []
    for (const p of pending) p.reject(err)
    this.#chunks = []
    this.#resolveClosed(reason)
  }

  #lossError(reason: string): ZooKeeperError {
    return new ZooKeeperError('CONNECTIONLOSS', `connection to ZooKeeper ${this.label} lost: ${reason}`)
  }

  #onData(chunk: Buffer): void {
    if (this.#ended) return
    this.#lastRecv = Date.now()
    this.#chunks.push(chunk)
    this.#buffered += chunk.length
    while (!this.#ended) {
      if (this.#frameLength < 0) {
        if (this.#buffered < 4) return
        if (this.#chunks[0]!.length < 4) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)]
        const length = this.#chunks[0]!.readInt32BE(0)
        if (length < 0 || length > this.#opts.maxPacketBytes) {
          this.#opts.logger.warn({ server: this.label, length }, 'ZooKeeper frame length out of range; closing the connection')
          this.close(`frame length ${length} out of range (max ${this.#opts.maxPacketBytes})`)
          return
        }
        this.#frameLength = length
      }
      if (this.#buffered < 4 + this.#frameLength) return
      const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#buffered)
      const frame = all.subarray(4, 4 + this.#frameLength)
      const rest = all.subarray(4 + this.#frameLength)
      this.#chunks = rest.length > 0 ? [rest] : []
      this.#buffered = rest.length
      this.#frameLength = -1
      this.#onFrame(frame)
    }
  }

  #onFrame(frame: Buffer): void {
    if (this.#handshake !== null) {
      const handshake = this.#handshake
      this.#handshake = null
      let response: ConnectResponse
      try {
        response = decodeConnectResponse(frame)
      } catch (err) {
        this.close(`bad ConnectResponse: ${(err as Error).message}`)
        return
      }
      handshake.resolve(response)
      return
    }
    let header
    const r = new Reader(frame)
    try {
      header = decodeReplyHeader(r)
    } catch (err) {
      this.close(`bad reply header: ${(err as Error).message}`)
      return
    }
    switch (header.xid) {
      case Xid.ping:
      case Xid.auth:
        return
      case Xid.notification: {
        let event: RawWatcherEvent
        try {
          event = decodeWatcherEvent(r)
        } catch (err) {
          this.close(`bad watch notification: ${(err as Error).message}`)
          return
        }
        this.#opts.onNotification(event)
        return
      }
      case Xid.setWatches:
        if (header.err !== 0) this.#opts.logger.warn({ server: this.label, err: header.err }, 'ZooKeeper refused to restore watches')
        return
    }
    const req = this.#pending.shift()
    if (req === undefined || req.xid !== header.xid) {
      if (req !== undefined) this.#pending.unshift(req)
      this.close(`reply xid ${header.xid} does not match the oldest request (${req?.xid ?? 'none'})`)
      return
    }
    if (header.zxid > 0n) this.#opts.onZxid(header.zxid)
    let value: unknown
    try {
      value = req.onReply(header.err, r)
    } catch (err) {
      req.reject(err instanceof ZooKeeperError ? err : new ZooKeeperError('MARSHALLINGERROR', `bad reply: ${(err as Error).message}`, { cause: err }))
      return
    }
    req.resolve(value)
  }
}
