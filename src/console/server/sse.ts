/**
 * Server-Sent Events: `event:` + `data:` frames, a comment every 15 s so proxies keep the
 * connection, and a `closed` flag once the client goes away. Writes respect backpressure: a
 * slow reader makes `send` resolve later instead of buffering without bound.
 */
import type { ServerResponse } from 'node:http'
import { once } from 'node:events'
import { toJson } from './json.js'

export class EventStream {
  readonly #res: ServerResponse
  readonly #keepAlive: NodeJS.Timeout
  #closed = false

  constructor(res: ServerResponse) {
    this.#res = res
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.flushHeaders()
    this.#keepAlive = setInterval(() => this.#write(': keep-alive\n\n'), 15_000).unref()
    res.on('close', () => this.close())
  }

  get closed(): boolean {
    return this.#closed
  }

  async send(event: string, data: unknown): Promise<void> {
    if (this.#closed) return
    if (!this.#write(`event: ${event}\ndata: ${toJson(data)}\n\n`)) {
      await Promise.race([once(this.#res, 'drain'), once(this.#res, 'close')])
    }
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#keepAlive)
    this.#res.end()
  }

  #write(s: string): boolean {
    if (this.#closed || this.#res.destroyed) return true
    return this.#res.write(s)
  }
}
