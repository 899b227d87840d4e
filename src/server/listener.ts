/** TCP listeners: one net.Server per configured listener, connections tracked for shutdown. */
import { createServer, Socket, type Server, type SocketConstructorOpts } from 'node:net'
import { Connection } from './connection.js'
import type { BrokerParts, HandlerRegistry } from '../broker/handler.js'
import type { Logger } from '../logger.js'

export interface ListenerSpec {
  name: string
  host: string
  port: number
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
 * Re-wraps an accepted socket's handle in a Socket that reads into `buffer` (the `onread` option),
 * or returns null where that cannot be done. Node honours `onread` only for sockets it constructs
 * from options, never for those a net.Server accepts, so this relies on Node internals (Node 20
 * lib/net.js): the `_handle` property and the `handle` constructor option, whose initSocketHandle
 * calls handle.useUserBuffer. The accepted socket must come paused (pauseOnConnect) so it never
 * read. It is detached first, so its destroy() neither closes the handle nor leaves the server
 * counting a connection it no longer owns (the server then does not count these at all:
 * SocketServer tracks and closes them itself).
 */
function adoptWithReadBuffer(accepted: Socket, buffer: Buffer, callback: (n: number, buf: Uint8Array) => boolean): Socket | null {
  const internal = accepted as unknown as { _handle?: { useUserBuffer?: unknown } | null }
  const handle = internal._handle
  if (handle === undefined || handle === null || typeof handle.useUserBuffer !== 'function') return null
  internal._handle = null
  accepted.destroy()
  const options = { handle, allowHalfOpen: false, readable: true, writable: true, onread: { buffer, callback } }
  return new Socket(options as SocketConstructorOpts)
}

export class SocketServer {
  readonly #servers: Server[] = []
  readonly #connections = new Set<Connection>()
  #nextId = 1

  constructor(
    private readonly parts: BrokerParts,
    private readonly registry: HandlerRegistry,
    private readonly log: Logger,
    private readonly maxRequestBytes: number,
  ) {}

  async listen(specs: readonly ListenerSpec[]): Promise<BoundListener[]> {
    const bound: BoundListener[] = []
    for (const spec of specs) {
      const server = createServer({ pauseOnConnect: true }, (socket) => this.#accept(socket, spec.name))
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        // An empty host binds every interface, as Kafka's `PLAINTEXT://:9092` does.
        server.listen(spec.port, spec.host === '' ? undefined : spec.host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      server.on('error', (err) => this.log.error({ err, listener: spec.name }, 'listener error'))
      this.#servers.push(server)
      const addr = server.address()
      bound.push({ ...spec, boundPort: typeof addr === 'object' && addr !== null ? addr.port : spec.port })
    }
    return bound
  }

  #accept(accepted: Socket, listenerName: string): void {
    let socket = accepted
    try {
      let conn: Connection | undefined
      const buffer = (sharedReadBuffer ??= Buffer.allocUnsafeSlow(READ_BUFFER_BYTES))
      // Reads start on a later turn of the event loop, so `conn` is set before the first one.
      const adopted = adoptWithReadBuffer(accepted, buffer, (n, buf) => {
        conn!.receive(buf as Buffer, 0, n)
        return true
      })
      socket = adopted ?? accepted
      const c = new Connection(this.#nextId++, socket, listenerName, this.parts, this.registry, this.log, this.maxRequestBytes)
      conn = c
      this.#connections.add(c)
      socket.on('close', () => this.#connections.delete(c))
      if (adopted === null) {
        accepted.on('data', (chunk: Buffer) => c.receive(chunk, 0, chunk.length))
        accepted.resume()
      }
    } catch (err) {
      this.log.error({ err, listener: listenerName }, 'cannot set up an accepted connection')
      socket.destroy()
    }
  }

  get connectionCount(): number {
    return this.#connections.size
  }

  async close(): Promise<void> {
    const closing = this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))
    for (const c of this.#connections) c.close()
    this.#connections.clear()
    await Promise.all(closing)
    this.#servers.length = 0
  }
}
