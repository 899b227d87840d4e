/** A minimal raw Kafka connection for tests: send encoded requests, read framed responses. */
import { connect, type Socket } from 'node:net'
import { Reader } from '../../src/protocol/reader.js'
import { Writer } from '../../src/protocol/writer.js'
import { apiSpecs } from '../../src/protocol/generated/index.js'

export class RawClient {
  readonly socket: Socket
  #parts: Buffer[] = []
  #partBytes = 0
  #want = 0
  #waiters: Array<(frame: Buffer) => void> = []
  #frames: Buffer[] = []
  #closed = false
  #correlation = 1

  private constructor(socket: Socket) {
    this.socket = socket
    socket.on('data', (d: Buffer) => {
      // A frame longer than what has arrived waits in #parts, joined once whole: concatenating
      // on every read would copy a 20 MB response hundreds of times.
      this.#parts.push(d)
      this.#partBytes += d.length
      if (this.#partBytes < this.#want) return
      let buf = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts)
      this.#want = 0
      while (buf.length >= 4) {
        const n = buf.readInt32BE(0)
        if (buf.length < 4 + n) {
          this.#want = 4 + n
          break
        }
        const frame = buf.subarray(4, 4 + n)
        buf = buf.subarray(4 + n)
        const w = this.#waiters.shift()
        if (w !== undefined) w(frame)
        else this.#frames.push(frame)
      }
      this.#parts = buf.length > 0 ? [buf] : []
      this.#partBytes = buf.length
    })
    socket.on('close', () => {
      this.#closed = true
      for (const w of this.#waiters.splice(0)) w(Buffer.alloc(0))
    })
    socket.on('error', () => {})
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => resolve(new RawClient(s)))
      s.once('error', reject)
    })
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Waits until the broker closes the connection, or fails after `ms`. */
  waitClosed(ms = 2000): Promise<boolean> {
    if (this.#closed) return Promise.resolve(true)
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms)
      this.socket.once('close', () => { clearTimeout(t); resolve(true) })
    })
  }

  /** Encodes a request frame (header v1 or v2 by the API's flexibility). */
  frame(apiKey: number, version: number, body: unknown, correlationId = this.#correlation++, clientId: string | null = 'test'): Buffer {
    const spec = apiSpecs.get(apiKey)!
    const w = new Writer()
    w.int16(apiKey).int16(version).int32(correlationId).nullableString(clientId, false)
    if (spec.flexibleFrom >= 0 && version >= spec.flexibleFrom) w.noTaggedFields()
    spec.encodeRequest(w, version, body)
    const payload = w.toBuffer()
    const size = Buffer.alloc(4)
    size.writeInt32BE(payload.length)
    return Buffer.concat([size, payload])
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  /** Next response frame (without its size); an empty buffer means the connection closed. */
  next(): Promise<Buffer> {
    const f = this.#frames.shift()
    if (f !== undefined) return Promise.resolve(f)
    if (this.#closed) return Promise.resolve(Buffer.alloc(0))
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Sends one request and decodes its response. */
  async request<T = any>(apiKey: number, version: number, body: unknown): Promise<{ correlationId: number, body: T }> {
    this.write(this.frame(apiKey, version, body))
    return this.decode<T>(apiKey, version, await this.next())
  }

  decode<T = any>(apiKey: number, version: number, frame: Buffer): { correlationId: number, body: T } {
    if (frame.length === 0) throw new Error('connection closed')
    const spec = apiSpecs.get(apiKey)!
    const r = new Reader(frame)
    const correlationId = r.int32()
    if (spec.flexibleFrom >= 0 && version >= spec.flexibleFrom && apiKey !== 18) r.taggedFields()
    return { correlationId, body: spec.decodeResponse(r, version) as T }
  }

  close(): void {
    this.socket.destroy()
  }
}
