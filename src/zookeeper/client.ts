/**
 * A ZooKeeper client written on the wire protocol, async/await, for Node.
 *
 * Why our own and not a wrapped library: the pure-JS `node-zookeeper-client` (unmaintained since
 * 2022) sends an expected version of 0 in a multi as -1 ("any version"), so a guard on a znode at
 * version 0 passes when it must fail, and it never notices a frozen server (it stays "connected"
 * while the ensemble expires its session): both would have to be patched inside its internals.
 * The native `zookeeper` addon has no multi at all, which epoch-fenced controller writes need,
 * and needs a C toolchain. The protocol subset a Kafka-style controller uses is about fifteen
 * small, documented jute records (protocol.ts), so owning it costs less than patching, adds no
 * dependency, and lets the properties that matter be built in and tested: versions sent as
 * given, a hung-server watchdog (connection.ts), failover with session re-attach and watch
 * restoration, chroot, typed errors, bounded queues.
 *
 * Session model (as Kafka's ZooKeeperClient): the client keeps one session alive across
 * connections. States and events:
 *   connecting -> connected          'connected' ({ newSession }); 'session' when it is a new one
 *   connected -> disconnected        'disconnected': the connection broke or the watchdog fired.
 *                                    The session may still be alive; anything that must only be
 *                                    done while it certainly is (acting as controller) stops now.
 *   disconnected -> connected        re-attached within the session timeout (same session id)
 *   disconnected -> expired          'expired': the server said the session is gone, and with it
 *                                    every ephemeral znode and watch. A new session follows
 *                                    ('session'); owners re-create their ephemerals then.
 *   any -> closed                    close()
 *
 * Requests made while not connected wait (bounded) for a connection up to connectionTimeoutMs,
 * then fail with CONNECTIONLOSS; requests in flight when a connection breaks fail with
 * CONNECTIONLOSS (ZooKeeper may or may not have applied them); requests waiting when the session
 * expires fail with SESSIONEXPIRED.
 */
import { EventEmitter } from 'node:events'
import { createLogger, type Logger } from '../logger.js'
import type { Reader } from '../protocol/reader.js'
import { ServerConnection, type PendingRequest } from './connection.js'
import { ZOOKEEPER_CODES, ZooKeeperError } from './errors.js'
import { fromWireResults, toBuffer, toWireOps, Transaction, type Data, type Op, type OpResult } from './multi.js'
import { fromServerPath, parseConnectString, toServerPath, validatePath, type ServerAddress } from './paths.js'
import {
  body,
  decodeMultiResponse,
  encodeRequest,
  multiBody,
  OPEN_ACL_UNSAFE,
  OpCode,
  readData,
  readStat,
  readString,
  readStringVector,
  Xid,
  type ACL,
  type ConnectResponse,
  type CreateMode,
  type Stat,
} from './protocol.js'
import { WatchRegistry, type Watcher } from './watches.js'

export type { Data, Op, OpResult } from './multi.js'

export type ZooKeeperState = 'connecting' | 'connected' | 'disconnected' | 'expired' | 'closed'

export interface ZooKeeperClientOptions {
  /** `host:port[,host:port...][/chroot]`, Kafka's zookeeper.connect */
  connect: string
  /** Requested session timeout; the server clamps it to [2, 20] x its tickTime. Default 18000 (Kafka's zookeeper.session.timeout.ms). */
  sessionTimeoutMs?: number
  /** How long waitUntilConnected() and requests made while disconnected wait; default: the session timeout (Kafka's zookeeper.connection.timeout.ms default). */
  connectionTimeoutMs?: number
  /** Start a new session after the old one expired (Kafka does); default true. When false, an expired client stays expired. */
  renewExpiredSession?: boolean
  /** Attach to an existing session instead of starting one (as ZooKeeper's client allows). */
  session?: { sessionId: bigint; passwd: Buffer }
  /** Largest reply frame accepted; a larger one closes the connection. Default 4 MiB. */
  maxPacketBytes?: number
  /** Requests in flight plus waiting for a connection; more fail with THROTTLEDOP. Default 10000. */
  maxQueuedRequests?: number
  logger?: Logger
}

export interface ZooKeeperEvents {
  state: [state: ZooKeeperState]
  connected: [info: { sessionId: bigint; server: string; newSession: boolean }]
  session: [sessionId: bigint]
  disconnected: [info: { server: string; reason: string }]
  expired: [info: { sessionId: bigint }]
  closed: []
}

export interface CreateOptions {
  mode?: CreateMode
  acl?: readonly ACL[]
}

interface Queued extends PendingRequest {
  timer: NodeJS.Timeout
}

export class ZooKeeperClient extends EventEmitter<ZooKeeperEvents> {
  readonly servers: readonly ServerAddress[]
  readonly chroot: string
  readonly #logger: Logger
  readonly #requestedTimeoutMs: number
  readonly #connectionTimeoutMs: number
  readonly #renew: boolean
  readonly #maxPacketBytes: number
  readonly #maxQueued: number
  readonly #watches: WatchRegistry
  #state: ZooKeeperState = 'connecting'
  #conn: ServerConnection | null = null
  /** a connection attempt in progress, so close() can abort it */
  #attempt: ServerConnection | null = null
  #server = 0
  #sessionId = 0n
  #passwd: Buffer = Buffer.alloc(16)
  #negotiatedTimeoutMs = 0
  #lastZxid = 0n
  #xid = 0
  #waiting: Queued[] = []
  #closing = false
  #wake: (() => void) | null = null
  readonly #loop: Promise<void>
  #closePromise: Promise<void> | null = null

  constructor(options: ZooKeeperClientOptions) {
    super()
    const { servers, chroot } = parseConnectString(options.connect)
    // Shuffled, as ZooKeeper's clients do, so a cluster's brokers spread over the ensemble.
    this.servers = servers
      .map((s) => ({ s, k: Math.random() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.s)
    this.chroot = chroot
    this.#logger = options.logger ?? createLogger().child({ component: 'zookeeper' })
    this.#requestedTimeoutMs = options.sessionTimeoutMs ?? 18_000
    this.#connectionTimeoutMs = options.connectionTimeoutMs ?? this.#requestedTimeoutMs
    this.#renew = options.renewExpiredSession ?? true
    this.#maxPacketBytes = options.maxPacketBytes ?? 4 * 1024 * 1024
    this.#maxQueued = options.maxQueuedRequests ?? 10_000
    this.#watches = new WatchRegistry(this.#logger)
    if (options.session !== undefined) {
      this.#sessionId = options.session.sessionId
      this.#passwd = Buffer.from(options.session.passwd)
    }
    this.#loop = this.#run().catch((err: unknown) => {
      this.#logger.error({ err }, 'ZooKeeper connection loop failed')
    })
  }

  /** Creates a client and waits for its first session; rejects with CONNECTIONLOSS (and closes it) when none comes in time. */
  static async connect(options: ZooKeeperClientOptions): Promise<ZooKeeperClient> {
    const client = new ZooKeeperClient(options)
    try {
      await client.waitUntilConnected()
    } catch (err) {
      await client.close()
      throw err
    }
    return client
  }

  get state(): ZooKeeperState {
    return this.#state
  }

  /** The current session's id, 0n when there is none. */
  get sessionId(): bigint {
    return this.#sessionId
  }

  /** The session id and password, to re-attach to this session from another client (used in tests to force an expiry). */
  get sessionCredentials(): { sessionId: bigint; passwd: Buffer } {
    return { sessionId: this.#sessionId, passwd: Buffer.from(this.#passwd) }
  }

  /** The session timeout the server granted, 0 before the first session. */
  get sessionTimeoutMs(): number {
    return this.#negotiatedTimeoutMs
  }

  /** host:port of the server the client is connected to, or null. */
  get connectedServer(): string | null {
    return this.#state === 'connected' && this.#conn !== null ? this.#conn.label : null
  }

  /** Resolves once connected (at once if connected now); rejects with CONNECTIONLOSS after the timeout. */
  waitUntilConnected(timeoutMs = this.#connectionTimeoutMs): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve()
    if (this.#state === 'closed') return Promise.reject(this.#closedError())
    if (this.#state === 'expired' && !this.#renew) return Promise.reject(new ZooKeeperError('SESSIONEXPIRED', 'ZooKeeper session expired'))
    return new Promise((resolve, reject) => {
      const onState = (state: ZooKeeperState): void => {
        if (state === 'connected') done()
        else if (state === 'closed') done(this.#closedError())
        else if (state === 'expired' && !this.#renew) done(new ZooKeeperError('SESSIONEXPIRED', 'ZooKeeper session expired'))
      }
      const timer = setTimeout(() => {
        done(new ZooKeeperError('CONNECTIONLOSS', `no connection to ZooKeeper (${this.#describeServers()}) within ${timeoutMs} ms`))
      }, timeoutMs)
      const done = (err?: Error): void => {
        clearTimeout(timer)
        this.off('state', onState)
        if (err === undefined) resolve()
        else reject(err)
      }
      this.on('state', onState)
    })
  }

  // ---- operations ------------------------------------------------------------------------------

  /** Creates a znode; returns its path (with the sequence number for sequential modes). */
  async create(path: string, data?: Data, options: CreateOptions = {}): Promise<string> {
    return (await this.createWithStat(path, data, options)).path
  }

  /** Creates a znode and returns its Stat too (czxid is what Kafka uses as a broker epoch). */
  createWithStat(path: string, data?: Data, options: CreateOptions = {}): Promise<{ path: string; stat: Stat }> {
    const mode = options.mode ?? 'persistent'
    validatePath(path, mode.endsWith('sequential'))
    const wire = body.create(this.#toServer(path), toBuffer(data), options.acl ?? OPEN_ACL_UNSAFE, mode)
    return this.#request(OpCode.create2, wire, 'create', path, (r) => ({ path: this.#fromServer(readString(r)), stat: readStat(r) }))
  }

  /**
   * Creates a persistent znode and any missing parents (parents with empty data). With
   * `ignoreExisting`, an existing znode at `path` is not an error; returns whether it was created.
   */
  async createWithParents(path: string, data?: Data, options: CreateOptions & { ignoreExisting?: boolean } = {}): Promise<boolean> {
    validatePath(path)
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
      try {
        await this.create(path.slice(0, i))
      } catch (err) {
        if (!(err instanceof ZooKeeperError && err.zkCode === 'NODEEXISTS')) throw err
      }
    }
    try {
      await this.create(path, data, options)
      return true
    } catch (err) {
      if (options.ignoreExisting === true && err instanceof ZooKeeperError && err.zkCode === 'NODEEXISTS') return false
      throw err
    }
  }

  /** Deletes a znode if its version matches (-1: any version). */
  delete(path: string, version = -1): Promise<void> {
    validatePath(path)
    return this.#request(OpCode.delete, body.delete(this.#toServer(path), version), 'delete', path, () => undefined)
  }

  /**
   * The znode's Stat, or null when it does not exist. A watcher fires on its creation, deletion
   * or data change (once).
   */
  exists(path: string, options: { watch?: Watcher } = {}): Promise<Stat | null> {
    validatePath(path)
    const watch = options.watch
    return this.#request<Stat | null>(
      OpCode.exists,
      body.pathWatch(this.#toServer(path), watch !== undefined),
      'exists',
      path,
      (r) => {
        const stat = readStat(r)
        // an exists watch on an existing znode is a data watch (as in ZooKeeper's own client), so
        // SetWatches does not report it as created after a reconnect
        if (watch !== undefined) this.#watches.add('data', path, watch)
        return stat
      },
      (err) => {
        if (err !== ZOOKEEPER_CODES.NONODE) return undefined
        if (watch !== undefined) this.#watches.add('exist', path, watch)
        return { value: null }
      },
    )
  }

  /** Data and Stat of a znode (NONODE when absent). A watcher fires on its data change or deletion. */
  getData(path: string, options: { watch?: Watcher } = {}): Promise<{ data: Buffer; stat: Stat }> {
    validatePath(path)
    const watch = options.watch
    return this.#request(OpCode.getData, body.pathWatch(this.#toServer(path), watch !== undefined), 'getData', path, (r) => {
      const data = readData(r)
      const stat = readStat(r)
      if (watch !== undefined) this.#watches.add('data', path, watch)
      return { data, stat }
    })
  }

  /** Replaces a znode's data if its version matches (-1: any version); returns the new Stat. */
  setData(path: string, data: Data, version = -1): Promise<Stat> {
    validatePath(path)
    return this.#request(OpCode.setData, body.setData(this.#toServer(path), toBuffer(data), version), 'setData', path, readStat)
  }

  /** Child names (unsorted, as ZooKeeper returns them) and the parent's Stat. A watcher fires when children are added or removed, or the znode is deleted. */
  getChildren(path: string, options: { watch?: Watcher } = {}): Promise<{ children: string[]; stat: Stat }> {
    validatePath(path)
    const watch = options.watch
    return this.#request(OpCode.getChildren2, body.pathWatch(this.#toServer(path), watch !== undefined), 'getChildren', path, (r) => {
      const children = readStringVector(r)
      const stat = readStat(r)
      if (watch !== undefined) this.#watches.add('child', path, watch)
      return { children, stat }
    })
  }

  /** Waits until the connected server has caught up with the leader (for a read after another client's write). */
  sync(path = '/'): Promise<void> {
    validatePath(path)
    return this.#request(OpCode.sync, body.path(this.#toServer(path)), 'sync', path, () => undefined)
  }

  /**
   * Runs operations atomically: all are applied or none. A failure throws ZooKeeperMultiError
   * naming the failing operation. Versions are sent as given (0 is 0, only -1 is "any").
   */
  multi(ops: readonly Op[]): Promise<OpResult[]> {
    const wire = toWireOps(ops, (path) => this.#toServer(path))
    return this.#request(OpCode.multi, multiBody(wire), 'multi', undefined, (r) =>
      fromWireResults(decodeMultiResponse(r), ops, (path) => this.#fromServer(path)),
    )
  }

  /** A builder for multi(): `zk.transaction().check('/a', 3).setData('/b', data, 0).commit()`. */
  transaction(): Transaction {
    return new Transaction((ops) => this.multi(ops))
  }

  /** Ends the session (its ephemeral znodes are deleted at once) and the connection. */
  close(): Promise<void> {
    this.#closePromise ??= this.#close()
    return this.#closePromise
  }

  async #close(): Promise<void> {
    this.#closing = true
    const conn = this.#conn
    if (conn !== null && this.#state === 'connected') {
      // closeSession makes the server delete our ephemerals now instead of after the timeout
      const xid = this.#nextXid()
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(2000, this.#negotiatedTimeoutMs))
        conn.send({
          xid,
          frame: encodeRequest(xid, OpCode.closeSession),
          onReply: () => undefined,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
          reject: () => {
            clearTimeout(timer)
            resolve()
          },
        })
      })
    }
    conn?.close('client closed')
    this.#attempt?.close('client closed')
    this.#wake?.()
    this.#rejectWaiting(this.#closedError())
    this.#watches.drain('closed')
    this.#setState('closed')
    this.#emit('closed')
    await this.#loop
  }

  // ---- connection loop ---------------------------------------------------------------------------

  async #run(): Promise<void> {
    let failures = 0
    while (!this.#closing) {
      const server = this.servers[this.#server % this.servers.length]!
      this.#server++
      const conn = ServerConnection.open({
        server,
        connect: { lastZxidSeen: this.#lastZxid, timeoutMs: this.#requestedTimeoutMs, sessionId: this.#sessionId, passwd: this.#passwd },
        // as ZooKeeper's client: all servers can be tried within one session timeout
        connectTimeoutMs: Math.max(250, Math.floor(this.#requestedTimeoutMs / this.servers.length)),
        maxPacketBytes: this.#maxPacketBytes,
        logger: this.#logger,
        onNotification: (e) => this.#watches.notify(e.type, this.#fromServer(e.path)),
        onZxid: (zxid) => {
          if (zxid > this.#lastZxid) this.#lastZxid = zxid
        },
      })
      this.#attempt = conn
      let response: ConnectResponse
      try {
        response = await conn.handshake
      } catch (err) {
        if (this.#closing) break
        failures++
        this.#logger.debug({ server: conn.label, err: (err as Error).message }, 'ZooKeeper connection attempt failed')
        // after a full round of failed servers, back off (50 ms doubling to 1 s, with jitter)
        if (failures % this.servers.length === 0) {
          const round = failures / this.servers.length
          await this.#sleep(Math.min(1000, 50 * 2 ** Math.min(round - 1, 5)) * (0.5 + Math.random() / 2))
        }
        continue
      } finally {
        this.#attempt = null
      }
      if (this.#closing) {
        conn.close('client closed')
        break
      }
      if (response.timeoutMs <= 0) {
        conn.close('session expired')
        this.#expire()
        if (!this.#renew) break
        continue
      }
      failures = 0
      const newSession = response.sessionId !== this.#sessionId
      this.#sessionId = response.sessionId
      this.#passwd = response.passwd
      this.#negotiatedTimeoutMs = response.timeoutMs
      this.#conn = conn
      conn.start(response.timeoutMs)
      if (!newSession) this.#restoreWatches(conn)
      this.#setState('connected')
      this.#flushWaiting(conn)
      this.#logger.info({ server: conn.label, sessionId: hex(response.sessionId), timeoutMs: response.timeoutMs, newSession }, 'ZooKeeper connected')
      this.#emit('connected', { sessionId: response.sessionId, server: conn.label, newSession })
      if (newSession) this.#emit('session', response.sessionId)
      const reason = await conn.closed
      this.#conn = null
      if (this.#closing) break
      this.#logger.info({ server: conn.label, reason }, 'ZooKeeper disconnected')
      this.#setState('disconnected')
      this.#emit('disconnected', { server: conn.label, reason })
    }
  }

  #expire(): void {
    const sessionId = this.#sessionId
    this.#sessionId = 0n
    this.#passwd = Buffer.alloc(16)
    this.#logger.warn({ sessionId: hex(sessionId) }, 'ZooKeeper session expired')
    this.#setState('expired')
    this.#rejectWaiting(new ZooKeeperError('SESSIONEXPIRED', `ZooKeeper session ${hex(sessionId)} expired`))
    this.#watches.drain('sessionExpired')
    this.#emit('expired', { sessionId })
    if (this.#renew && !this.#closing) this.#setState('connecting')
  }

  /** Watches live on the server; after a failover they are re-sent, in batches under ~128 KiB. */
  #restoreWatches(conn: ServerConnection): void {
    const paths = this.#watches.paths()
    const batch: Record<'data' | 'exist' | 'child', string[]> = { data: [], exist: [], child: [] }
    let bytes = 0
    const flush = (): void => {
      if (bytes === 0) return
      conn.sendUntracked(encodeRequest(Xid.setWatches, OpCode.setWatches, body.setWatches(this.#lastZxid, batch.data, batch.exist, batch.child)))
      batch.data = []
      batch.exist = []
      batch.child = []
      bytes = 0
    }
    for (const kind of ['data', 'exist', 'child'] as const) {
      for (const path of paths[kind]) {
        const serverPath = this.#toServer(path)
        batch[kind].push(serverPath)
        bytes += Buffer.byteLength(serverPath) + 4
        if (bytes >= 128 * 1024) flush()
      }
    }
    flush()
  }

  /**
   * Sends a request (or queues it until connected). `onError` may turn an error code into a
   * value ({ value }) instead of an exception, as exists() does with NONODE.
   */
  #request<T>(
    type: number,
    wire: Parameters<typeof encodeRequest>[2],
    op: string,
    path: string | undefined,
    decode: (r: Reader) => T,
    onError?: (err: number) => { value: T } | undefined,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#state === 'closed' || this.#closing) return reject(this.#closedError())
      if (this.#state === 'expired' && !this.#renew) return reject(new ZooKeeperError('SESSIONEXPIRED', `${op}: ZooKeeper session expired`, { path }))
      const inFlight = this.#waiting.length + (this.#conn?.pendingCount ?? 0)
      if (inFlight >= this.#maxQueued) {
        return reject(new ZooKeeperError('THROTTLEDOP', `${op}: ${inFlight} ZooKeeper requests already queued (maxQueuedRequests)`, { path }))
      }
      const xid = this.#nextXid()
      const req: PendingRequest = {
        xid,
        frame: encodeRequest(xid, type, wire),
        onReply: (err, r) => {
          if (err === 0) return decode(r)
          const handled = onError?.(err)
          if (handled !== undefined) return handled.value
          throw ZooKeeperError.fromCode(err, op, path)
        },
        resolve: resolve as (v: unknown) => void,
        reject,
      }
      if (this.#state === 'connected' && this.#conn !== null) this.#conn.send(req)
      else this.#enqueue(req, op)
    })
  }

  #enqueue(req: PendingRequest, op: string): void {
    const queued: Queued = {
      ...req,
      timer: setTimeout(() => {
        const i = this.#waiting.indexOf(queued)
        if (i >= 0) this.#waiting.splice(i, 1)
        req.reject(new ZooKeeperError('CONNECTIONLOSS', `${op}: no connection to ZooKeeper within ${this.#connectionTimeoutMs} ms`))
      }, this.#connectionTimeoutMs),
    }
    this.#waiting.push(queued)
  }

  #flushWaiting(conn: ServerConnection): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (const q of waiting) {
      clearTimeout(q.timer)
      conn.send(q)
    }
  }

  #rejectWaiting(err: Error): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (const q of waiting) {
      clearTimeout(q.timer)
      q.reject(err)
    }
  }

  #nextXid(): number {
    this.#xid = this.#xid >= 0x7fffffff ? 1 : this.#xid + 1
    return this.#xid
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = null
        resolve()
      }, ms)
      this.#wake = () => {
        clearTimeout(timer)
        this.#wake = null
        resolve()
      }
    })
  }

  #setState(state: ZooKeeperState): void {
    if (this.#state === state) return
    this.#state = state
    this.#emit('state', state)
  }

  /** A listener that throws must not break the connection loop. */
  #emit<K extends keyof ZooKeeperEvents>(event: K, ...args: ZooKeeperEvents[K]): void {
    for (const listener of this.rawListeners(event)) {
      // raw: once() wrappers remove themselves
      try {
        ;(listener as (...a: ZooKeeperEvents[K]) => void)(...args)
      } catch (err) {
        this.#logger.error({ err, event }, 'ZooKeeper event listener threw')
      }
    }
  }

  #toServer(path: string): string {
    return toServerPath(this.chroot, path)
  }

  #fromServer(path: string): string {
    return fromServerPath(this.chroot, path)
  }

  #closedError(): ZooKeeperError {
    return new ZooKeeperError('CLOSED', 'the ZooKeeper client was closed')
  }

  #describeServers(): string {
    return this.servers.map((s) => `${s.host}:${s.port}`).join(',') + this.chroot
  }
}

/** A session id as ZooKeeper logs it (0x...). */
export function hex(id: bigint): string {
  return `0x${id.toString(16)}`
}
