/**
 * A TCP proxy a test controls, to cut one process off from another without privileges (network
 * namespaces and iptables need root and CAP_NET_ADMIN, which CI machines and containers often
 * lack). `cut()` makes it a black hole, as a failed switch or a partitioned network would be:
 * open connections stay open but carry nothing either way, new ones are accepted and never
 * connected through, so the client sees silence (no reset) and must notice on its own.
 * `heal()` drops the silenced connections (the client reconnects) and forwards again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import { after } from 'node:test'

export class TcpProxy {
  readonly #server: Server
  readonly #target: { host: string; port: number }
  readonly #pairs = new Set<{ client: Socket; upstream: Socket | undefined }>()
  #cut = false
  port = 0

  private constructor(target: { host: string; port: number }) {
    this.#target = target
    this.#server = createServer((client) => this.#accept(client))
  }

  /** A proxy on a free loopback port to `target`, closed after the test file. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const p = new TcpProxy(target)
    await new Promise<void>((resolve) => p.#server.listen(0, '127.0.0.1', resolve))
    p.port = (p.#server.address() as { port: number }).port
    after(() => p.close())
    return p
  }

  get address(): string {
    return `127.0.0.1:${this.port}`
  }

  get isCut(): boolean {
    return this.#cut
  }

  #accept(client: Socket): void {
    const pair: { client: Socket; upstream: Socket | undefined } = { client, upstream: undefined }
    this.#pairs.add(pair)
    const drop = (): void => {
      this.#pairs.delete(pair)
      client.destroy()
      pair.upstream?.destroy()
    }
    client.on('error', drop)
    client.on('close', drop)
    // While cut, data is swallowed and nothing goes through.
    client.on('data', (d) => {
      if (!this.#cut) pair.upstream?.write(d)
    })
    if (this.#cut) return
    const upstream = connect(this.#target.port, this.#target.host)
    pair.upstream = upstream
    upstream.on('data', (d) => {
      if (!this.#cut) client.write(d)
    })
    upstream.on('error', drop)
    upstream.on('close', drop)
  }

  /** From now on nothing passes, in either direction; nobody is told. */
  cut(): void {
    this.#cut = true
  }

  /** Forwards again; connections made silent by the cut are closed so their clients reconnect. */
  heal(): void {
    this.#cut = false
    for (const p of [...this.#pairs]) {
      p.client.destroy()
      p.upstream?.destroy()
    }
    this.#pairs.clear()
  }

  close(): Promise<void> {
    for (const p of this.#pairs) {
      p.client.destroy()
      p.upstream?.destroy()
    }
    this.#pairs.clear()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }
}
