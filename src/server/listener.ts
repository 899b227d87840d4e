/**
 * TCP listeners: one net.Server per configured listener, connections tracked for shutdown, the
 * connection limits (max.connections, max.connections.per.ip, max.connection.creation.rate),
 * idle connections closed after connections.max.idle.ms, and the broker's account of response
 * bytes held.
 */
import { createServer, Socket, type Server, type SocketConstructorOpts } from 'node:net'
import { TLSSocket } from 'node:tls'
import { Connection } from './connection.js'
import { ConnectionQuotas } from './connection-quotas.js'
import { ResponseMemory } from './response-memory.js'
import { RequestMemory } from './request-memory.js'
import type { BrokerParts, HandlerRegistry } from '../broker/handler.js'
import type { Logger } from '../logger.js'
import { userPrincipal } from '../security/principal.js'
import { rfc2253 } from '../security/principal-mapper.js'
import type { ListenerSecurity } from '../security/listener-security.js'

export interface SocketServerOptions {
  parts: BrokerParts
  registry: HandlerRegistry
  log: Logger
  /** socket.request.max.bytes */
  maxRequestBytes: number
  /** queued.max.requests (Kafka's default 500). */
  maxQueuedRequests?: number
  /** connections.max.idle.ms (Kafka's default 600000). */
  connectionsMaxIdleMs?: number
  /** max.connections, max.connections.per.ip and its overrides (Kafka's defaults: no limits). */
  quotas?: ConnectionQuotas
  /** The broker's account of held response bytes (a default one otherwise). */
  memory?: ResponseMemory
  /**
   * socket.listen.backlog.size: how many accepted connections a listener holds while it waits out
   * max.connection.creation.rate (Kafka's acceptor leaves them in the kernel's backlog of that size).
   */
  listenBacklog?: number
}

export interface ListenerSpec {
  name: string
  host: string
  port: number
  /** TLS and SASL of the listener; plaintext when omitted. */
  security?: ListenerSecurity
}

export interface BoundListener extends ListenerSpec {
  /** The port actually bound (differs from `port` when it was 0). */
  boundPort: number
}

/**
 * Every accepted connection reads into this one buffer. Reads are delivered one at a time on the
 * event loop thread and Connection.receive copies out what it keeps before returning, so sharing
 * is safe; it replaces the fresh 64 KiB ArrayBuffer Node allocates per read, whose external-memory
 * pressure made V8 run full GCs many times a second under heavy produce traffic.
 */
const READ_BUFFER_BYTES = 256 * 1024
let sharedReadBuffer: Buffer | undefined

/**
 * Re-wraps an accepted socket's handle in a Socket that reads into the buffer `buffer()` gives
 * (the `onread` option; Node asks for the next read's buffer after each read and keeps it
 * referenced until then), or returns null where that cannot be done. Node honours `onread` only for sockets it constructs
 * from options, never for those a net.Server accepts, so this relies on Node internals (Node 20
 * lib/net.js): the `_handle` property and the `handle` constructor option, whose initSocketHandle
 * calls handle.useUserBuffer. The accepted socket must come paused (pauseOnConnect) so it never
 * read. It is detached first, so its destroy() neither closes the handle nor leaves the server
 * counting a connection it no longer owns (the server then does not count these at all:
 * SocketServer tracks and closes them itself).
 */
function adoptWithReadBuffer(accepted: Socket, buffer: () => Buffer, callback: (n: number, buf: Uint8Array) => boolean): Socket | null {
  const internal = accepted as unknown as { _handle?: { useUserBuffer?: unknown } | null }
  const handle = internal._handle
  if (handle === undefined || handle === null || typeof handle.useUserBuffer !== 'function') return null
  internal._handle = null
  accepted.destroy()
  const options = { handle, allowHalfOpen: false, readable: true, writable: true, onread: { buffer, callback } }
  return new Socket(options as SocketConstructorOpts)
}

export class SocketServer {
  /** What the connections hold of responses, in bytes. */
  readonly memory: ResponseMemory
  /** The Produce frames this server's connections hold (see RequestMemory). */
  readonly requestMemory = new RequestMemory()
  readonly quotas: ConnectionQuotas
  readonly #servers: Server[] = []
  readonly #connections = new Set<Connection>()
  readonly #opts: SocketServerOptions
  readonly #log: Logger
  readonly #idleMs: number
  #idleTimer: NodeJS.Timeout | undefined
  #nextId = 1
  /** Connections that waited for a creation rate before they were admitted (a metric, and for tests). */
  throttledConnections = 0
  /** By listener: connections accepted but not admitted yet (a creation rate is being waited out), and the timer. */
  readonly #waiting = new Map<string, { sockets: Array<{ socket: Socket; spec: ListenerSpec }>; timer: NodeJS.Timeout | undefined }>()

  constructor(opts: SocketServerOptions) {
    this.#opts = opts
    this.#log = opts.log
    this.memory = opts.memory ?? new ResponseMemory()
    this.quotas = opts.quotas ?? new ConnectionQuotas(2147483647, 2147483647)
    this.#idleMs = opts.connectionsMaxIdleMs ?? 600000
  }

  async listen(specs: readonly ListenerSpec[]): Promise<BoundListener[]> {
    const bound: BoundListener[] = []
    for (const spec of specs) {
      const server = createServer({ pauseOnConnect: true }, (socket) => this.#accept(socket, spec))
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        // An empty host binds every interface, as Kafka's `PLAINTEXT://:9092` does.
        server.listen(spec.port, spec.host === '' ? undefined : spec.host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      server.on('error', (err) => this.#log.error({ err, listener: spec.name }, 'listener error'))
      this.#servers.push(server)
      const addr = server.address()
      bound.push({ ...spec, boundPort: typeof addr === 'object' && addr !== null ? addr.port : spec.port })
    }
    this.#startIdleSweep()
    return bound
  }

  /**
   * Kafka's Selector closes connections with no traffic for connections.max.idle.ms. A sweep
   * every tenth of it (at most once a second, at least once a minute) keeps the overshoot small.
   * A connection waiting for its own answer (a long poll, a rebalance) is not idle.
   */
  #startIdleSweep(): void {
    if (this.#idleTimer !== undefined || !Number.isFinite(this.#idleMs) || this.#idleMs <= 0) return
    const every = Math.min(60_000, Math.max(Math.min(1000, this.#idleMs), Math.floor(this.#idleMs / 10)))
    this.#idleTimer = setInterval(() => this.closeIdle(Date.now()), every)
    this.#idleTimer.unref()
  }

  /** Closes the connections idle since before `now - connections.max.idle.ms`; returns how many. */
  closeIdle(now: number): number {
    let closed = 0
    for (const c of this.#connections) {
      if (c.inFlight === 0 && now - c.lastActive > this.#idleMs) {
        c.close(`idle for more than connections.max.idle.ms (${this.#idleMs} ms)`)
        closed++
      }
    }
    return closed
  }

  /**
   * A new connection, in accept order. Over a creation rate the listener stops admitting for the
   * throttle time, as Kafka's acceptor does: this connection and those after it wait unread, at
   * most socket.listen.backlog.size of them (more are closed, as a full backlog refuses them).
   */
  #accept(accepted: Socket, spec: ListenerSpec): void {
    const queue = this.#waiting.get(spec.name)
    if (queue !== undefined) {
      if (queue.sockets.length >= (this.#opts.listenBacklog ?? 50)) {
        this.#log.warn(
          {
            remote: `${accepted.remoteAddress}:${accepted.remotePort}`,
            listener: spec.name,
            reason: `${queue.sockets.length} connections wait for max.connection.creation.rate (socket.listen.backlog.size)`,
          },
          'connection refused',
        )
        accepted.destroy()
        return
      }
      queue.sockets.push({ socket: accepted, spec })
      this.throttledConnections++
      return
    }
    const waitMs = this.quotas.recordCreation(spec.name, Date.now())
    if (waitMs <= 0) return this.#admit(accepted, spec)
    this.#log.info(
      { remote: `${accepted.remoteAddress}:${accepted.remotePort}`, listener: spec.name, waitMs },
      'connection creation rate reached: the listener waits',
    )
    this.throttledConnections++
    const waiting: { sockets: Array<{ socket: Socket; spec: ListenerSpec }>; timer: NodeJS.Timeout | undefined } = {
      sockets: [{ socket: accepted, spec }],
      timer: undefined,
    }
    this.#waiting.set(spec.name, waiting)
    const next = (): void => {
      const head = waiting.sockets.shift()
      if (head !== undefined) {
        if (!head.socket.destroyed) this.#admit(head.socket, head.spec)
        const wait = waiting.sockets.length === 0 ? 0 : this.quotas.recordCreation(spec.name, Date.now())
        if (wait > 0 || waiting.sockets.length > 0) {
          waiting.timer = setTimeout(next, wait)
          return
        }
      }
      this.#waiting.delete(spec.name)
    }
    waiting.timer = setTimeout(next, waitMs)
  }

  #admit(accepted: Socket, spec: ListenerSpec): void {
    const listenerName = spec.name
    const tls = spec.security?.tls ?? null
    const address = accepted.remoteAddress ?? ''
    const refused = this.quotas.acquire(address, listenerName)
    if (refused !== null) {
      this.#log.warn({ remote: `${address}:${accepted.remotePort}`, listener: listenerName, reason: refused }, 'connection refused')
      accepted.destroy()
      return
    }
    let socket = accepted
    try {
      let conn: Connection | undefined
      let adopted: Socket | null = null
      if (tls !== null) {
        // TLS: decrypted bytes come as 'data' events; the handshake runs before the first one.
        socket = new TLSSocket(accepted, {
          isServer: true,
          secureContext: tls.context,
          requestCert: tls.clientAuth !== 'none',
          // The certificate is checked in #secured (a TLSSocket made by hand gets no `authorized` from Node).
          rejectUnauthorized: false,
        })
        let secured = false
        socket.once('secure', () => {
          secured = true
          this.#secured(socket as TLSSocket, conn!, spec)
        })
        socket.on('error', (err: Error) => {
          if (!secured)
            this.#log.info(
              { remote: `${address}:${accepted.remotePort}`, listener: listenerName, reason: err.message },
              'failed authentication (TLS handshake)',
            )
        })
      } else {
        const shared = (sharedReadBuffer ??= Buffer.allocUnsafeSlow(READ_BUFFER_BYTES))
        // Reads start on a later turn of the event loop, so `conn` is set before the first one;
        // a large frame's bytes are read straight into it (Connection.readTarget).
        adopted = adoptWithReadBuffer(
          accepted,
          () => conn?.readTarget(shared) ?? shared,
          (n, buf) => {
            conn!.receive(buf as Buffer, 0, n)
            return true
          },
        )
        socket = adopted ?? accepted
      }
      const o = this.#opts
      const c = new Connection({
        id: this.#nextId++,
        socket,
        listenerName,
        parts: o.parts,
        registry: o.registry,
        log: this.#log,
        maxRequestBytes: o.maxRequestBytes,
        maxQueuedRequests: o.maxQueuedRequests ?? 500,
        memory: this.memory,
        requestMemory: this.requestMemory,
        security: spec.security,
      })
      conn = c
      this.#connections.add(c)
      socket.on('close', () => {
        this.#connections.delete(c)
        this.quotas.release(address, listenerName)
      })
      if (adopted === null) {
        socket.on('data', (chunk: Buffer) => c.receive(chunk, 0, chunk.length))
        socket.resume()
      }
    } catch (err) {
      this.#log.error({ err, listener: listenerName }, 'cannot set up an accepted connection')
      this.quotas.release(address, listenerName)
      socket.destroy()
    }
  }

  /**
   * After the TLS handshake: the client certificate's subject (RFC 2253) mapped by
   * ssl.principal.mapping.rules is the principal. With ssl.client.auth=requested a certificate
   * is optional, but one that does not verify is refused, as Java's SSLEngine does.
   */
  #secured(socket: TLSSocket, conn: Connection, spec: ListenerSpec): void {
    const tls = spec.security!.tls!
    if (tls.clientAuth === 'none') return
    const cert = socket.getPeerX509Certificate()
    // What Node's tls.Server does for its own sockets (onServerSocketSecure): the handle's verdict
    // on the chain against the truststore. Without it, a certificate cannot be trusted.
    const handle = (socket as unknown as { _handle?: { verifyError?: () => (Error & { code?: string }) | null } | null })._handle
    const verifyError: (Error & { code?: string }) | null =
      handle?.verifyError === undefined ? new Error('cannot verify the certificate') : handle.verifyError()
    const refused =
      cert === undefined
        ? tls.clientAuth === 'required'
          ? 'no client certificate (ssl.client.auth=required)'
          : undefined
        : verifyError !== null
          ? (verifyError.code ?? verifyError.message)
          : undefined
    if (refused !== undefined) {
      // Who tried: the certificate's subject (a certificate holds no secret).
      this.#log.info(
        {
          remote: `${conn.remoteAddress}:${conn.remotePort}`,
          listener: spec.name,
          subject: cert === undefined ? undefined : rfc2253(cert.subject),
          reason: refused,
        },
        'failed authentication (client certificate)',
      )
      conn.close()
      return
    }
    if (cert === undefined) return
    try {
      conn.tlsPrincipal = userPrincipal(tls.principalMapper.name(rfc2253(cert.subject)))
    } catch (err) {
      this.#log.info(
        { remote: `${conn.remoteAddress}:${conn.remotePort}`, listener: spec.name, reason: (err as Error).message },
        'failed authentication (principal mapping)',
      )
      conn.close()
    }
  }

  get connectionCount(): number {
    return this.#connections.size
  }

  /** The open connections (for tests and metrics). */
  get connections(): ReadonlySet<Connection> {
    return this.#connections
  }

  async close(): Promise<void> {
    if (this.#idleTimer !== undefined) clearInterval(this.#idleTimer)
    this.#idleTimer = undefined
    for (const w of this.#waiting.values()) {
      clearTimeout(w.timer)
      for (const { socket } of w.sockets) socket.destroy()
    }
    this.#waiting.clear()
    const closing = this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))
    for (const c of this.#connections) c.close()
    this.#connections.clear()
    await Promise.all(closing)
    this.#servers.length = 0
  }
}
