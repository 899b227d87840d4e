/** TCP listeners: one net.Server per configured listener, connections tracked for shutdown. */
import { createServer, type Server, type Socket } from 'node:net'
import { Connection } from './connection.js'
import type { HandlerRegistry } from '../broker/handler.js'
import type { Broker } from '../broker/broker.js'
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

export class SocketServer {
  readonly #servers: Server[] = []
  readonly #connections = new Set<Connection>()
  #nextId = 1

  constructor(
    private readonly broker: Broker,
    private readonly registry: HandlerRegistry,
    private readonly log: Logger,
    private readonly maxRequestBytes: number,
  ) {}

  async listen(specs: readonly ListenerSpec[]): Promise<BoundListener[]> {
    const bound: BoundListener[] = []
    for (const spec of specs) {
      const server = createServer((socket) => this.#accept(socket, spec.name))
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

  #accept(socket: Socket, listenerName: string): void {
    const conn = new Connection(this.#nextId++, socket, listenerName, this.broker, this.registry, this.log, this.maxRequestBytes)
    this.#connections.add(conn)
    socket.on('close', () => this.#connections.delete(conn))
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
