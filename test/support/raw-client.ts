/**
 * The raw Kafka client for tests, over one TCP socket: typed requests through the generated
 * codecs, plus hand-made frames for framing, pipelining and fuzz tests. Responses are matched to
 * requests in order (the protocol answers in request order) and checked against the correlation
 * id, and a decode must use up the whole frame, so a response at the wrong version fails loudly.
 */
import { connect, type Socket } from 'node:net'
import { Reader } from '../../src/protocol/reader.js'
import { Writer } from '../../src/protocol/writer.js'
import { apiSpecs, ApiKey } from '../../src/protocol/generated/index.js'
import { decodeBatches, type Decompress, type DecodedRecord } from './records.js'

export type Frame = { kind: 'frame'; body: Buffer } | { kind: 'closed' } | { kind: 'timeout' }

interface Waiter {
  resolve(f: Frame): void
}

export class RawConnection {
  readonly #socket: Socket
  /** Bytes received and not yet cut into frames, as they arrived (joined once a frame is whole). */
  #pending: Buffer[] = []
  #pendingBytes = 0
  readonly #frames: Buffer[] = []
  readonly #waiters: Waiter[] = []
  #closed = false
  #correlationId = 1
  /** Broker version ranges, after negotiate(). */
  versions = new Map<number, { min: number; max: number }>()

  private constructor(socket: Socket) {
    this.#socket = socket
    socket.on('data', (d: Buffer) => this.#onData(d))
    socket.on('error', () => {})
    socket.on('close', () => {
      this.#closed = true
      for (const w of this.#waiters.splice(0)) w.resolve({ kind: 'closed' })
    })
  }

  /** Connects to `host:port`, or to a bare port on 127.0.0.1. */
  static connect(target: string | number): Promise<RawConnection> {
    const [host, port] = typeof target === 'number' ? ['127.0.0.1', target] : splitHostPort(target)
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => {
        s.off('error', reject)
        resolve(new RawConnection(s))
      })
      s.once('error', reject)
    })
  }

  get closed(): boolean {
    return this.#closed
  }

  /** The client's socket (tests that look at ports or tune it). */
  get socket(): Socket {
    return this.#socket
  }

  /** Waits until the broker closes the connection: true, or false if it is still open after `ms`. */
  waitClosed(ms = 2000): Promise<boolean> {
    if (this.#closed) return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms)
      this.#socket.once('close', () => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  #onData(d: Buffer): void {
    this.#pending.push(d)
    this.#pendingBytes += d.length
    while (this.#pendingBytes >= 4) {
      if (this.#pending[0]!.length < 4) this.#pending = [Buffer.concat(this.#pending)]
      const size = this.#pending[0]!.readInt32BE(0)
      if (this.#pendingBytes < 4 + size) break
      // Joined only now that the frame is whole: a big response arrives in many reads.
      const all = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending, this.#pendingBytes)
      const body = all.subarray(4, 4 + size)
      const rest = all.subarray(4 + size)
      this.#pending = rest.length > 0 ? [rest] : []
      this.#pendingBytes = rest.length
      const w = this.#waiters.shift()
      if (w !== undefined) w.resolve({ kind: 'frame', body })
      else this.#frames.push(body)
    }
  }

  /** Writes bytes as they are (the caller frames them, or deliberately does not). */
  writeRaw(bytes: Buffer): void {
    if (!this.#closed) this.#socket.write(bytes)
  }

  /** The next response frame, or 'closed' when the broker hangs up, or 'timeout'. */
  nextFrame(timeoutMs = 5000): Promise<Frame> {
    const f = this.#frames.shift()
    if (f !== undefined) return Promise.resolve({ kind: 'frame', body: f })
    if (this.#closed) return Promise.resolve({ kind: 'closed' })
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve: (fr) => {
          clearTimeout(timer)
          resolve(fr)
        },
      }
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(waiter)
        if (i >= 0) this.#waiters.splice(i, 1)
        resolve({ kind: 'timeout' })
      }, timeoutMs)
      this.#waiters.push(waiter)
    })
  }

  nextCorrelationId(): number {
    return this.#correlationId++
  }

  /** A framed request with `body` encoded by the generated codec, for writing later or in pieces. */
  frame(apiKey: number, version: number, body: unknown, correlationId = this.nextCorrelationId(), clientId: string | null = 'samsa-test'): Buffer {
    return encodeFrame(apiKey, version, RawConnection.encodeBody(apiKey, version, body), correlationId, clientId)
  }

  /** Encodes a request body with the generated codec. */
  static encodeBody(apiKey: number, version: number, body: unknown): Buffer {
    const spec = apiSpecs.get(apiKey)
    if (spec === undefined) throw new Error(`no spec for API key ${apiKey}`)
    const w = new Writer(256)
    spec.encodeRequest(w, version, body)
    return w.toBuffer()
  }

  /** The next response frame (correlation id first); throws if the broker hangs up or stays silent. */
  async nextBody(timeoutMs = 10_000, what = 'a response'): Promise<Buffer> {
    const f = await this.nextFrame(timeoutMs)
    if (f.kind !== 'frame') throw new Error(`connection ${f.kind} instead of ${what}`)
    return f.body
  }

  /** Reads and decodes the response to a request already written (by frame() and writeRaw()). */
  async response<T = any>(apiKey: number, version: number, correlationId: number, timeoutMs = 10_000): Promise<T> {
    const body = await this.nextBody(timeoutMs, `the ${apiSpecs.get(apiKey)!.name} v${version} response`)
    return decodeResponse<T>(apiKey, version, correlationId, body)
  }

  /** Sends a typed request and decodes the typed response; throws if the broker hangs up. */
  async request<T = any>(apiKey: number, version: number, body: unknown, timeoutMs = 10_000): Promise<T> {
    const correlationId = this.nextCorrelationId()
    this.writeRaw(this.frame(apiKey, version, body, correlationId))
    return this.response<T>(apiKey, version, correlationId, timeoutMs)
  }

  /** Asks ApiVersions (v3, falling back to v0 as the protocol says) and records the ranges. */
  async negotiate(): Promise<this> {
    let res = await this.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'samsa-test', clientSoftwareVersion: '0' })
    if (res.errorCode === 35) res = await this.request(ApiKey.ApiVersions, 0, {})
    if (res.errorCode !== 0) throw new Error(`ApiVersions error ${res.errorCode}`)
    for (const k of res.apiKeys as Array<{ apiKey: number; minVersion: number; maxVersion: number }>)
      this.versions.set(k.apiKey, { min: k.minVersion, max: k.maxVersion })
    return this
  }

  /** The highest version both sides speak, capped at `preferred`. */
  pick(apiKey: number, preferred: number): number {
    const r = this.versions.get(apiKey)
    if (r === undefined) throw new Error(`broker does not advertise API ${apiSpecs.get(apiKey)?.name ?? apiKey}`)
    const v = Math.min(preferred, r.max)
    if (v < r.min) throw new Error(`no common version of API ${apiKey}`)
    return v
  }

  /** Half-closes: the broker sees end of input. */
  end(): void {
    this.#socket.end()
  }

  close(): void {
    this.#socket.destroy()
  }
}

/** A framed request: size, header (v1, or v2 for flexible versions), then `body` bytes. */
export function encodeFrame(apiKey: number, version: number, body: Buffer, correlationId: number, clientId: string | null = 'samsa-test'): Buffer {
  const spec = apiSpecs.get(apiKey)
  const flexible = spec !== undefined && spec.flexibleFrom >= 0 && version >= spec.flexibleFrom
  const w = new Writer(64)
  w.int16(apiKey).int16(version).int32(correlationId).nullableString(clientId, false)
  if (flexible) w.noTaggedFields()
  const header = w.toBuffer()
  const size = Buffer.alloc(4)
  size.writeInt32BE(header.length + body.length)
  return Buffer.concat([size, header, body])
}

export function decodeResponse<T>(apiKey: number, version: number, correlationId: number, body: Buffer): T {
  const spec = apiSpecs.get(apiKey)!
  const r = new Reader(body)
  const cid = r.int32()
  if (cid !== correlationId) throw new Error(`${spec.name}: correlation id ${cid}, expected ${correlationId}`)
  const flexible = spec.flexibleFrom >= 0 && version >= spec.flexibleFrom && apiKey !== ApiKey.ApiVersions
  if (flexible) r.taggedFields()
  const res = spec.decodeResponse(r, version) as T
  if (r.remaining !== 0) throw new Error(`${spec.name} v${version}: ${r.remaining} bytes left after the response`)
  return res
}

export function splitHostPort(bootstrap: string): [string, number] {
  const i = bootstrap.lastIndexOf(':')
  return [bootstrap.slice(0, i), Number(bootstrap.slice(i + 1))]
}

/** Higher-level calls used by many tests. */
export class TestClient {
  private constructor(readonly conn: RawConnection) {}

  static async connect(bootstrap: string): Promise<TestClient> {
    const c = await RawConnection.connect(bootstrap)
    await c.negotiate()
    return new TestClient(c)
  }

  close(): void {
    this.conn.close()
  }

  async createTopic(name: string, numPartitions: number, configs: Record<string, string> = {}): Promise<void> {
    const v = this.conn.pick(ApiKey.CreateTopics, 7)
    const res = await this.conn.request(ApiKey.CreateTopics, v, {
      topics: [{ name, numPartitions, replicationFactor: 1, assignments: [], configs: Object.entries(configs).map(([k, val]) => ({ name: k, value: val })) }],
      timeoutMs: 10_000,
      validateOnly: false,
    })
    const t = res.topics[0]
    if (t.errorCode !== 0) throw new Error(`CreateTopics ${name}: error ${t.errorCode} ${t.errorMessage ?? ''}`)
  }

  /** Produces one batch; returns the partition response (errorCode, baseOffset, ...). */
  async produce(
    topic: string,
    partition: number,
    records: Buffer,
    acks = 1,
    version = 7,
  ): Promise<{ errorCode: number; baseOffset: bigint; errorMessage: string | null }> {
    const v = this.conn.pick(ApiKey.Produce, version)
    const res = await this.conn.request(ApiKey.Produce, v, {
      transactionalId: null,
      acks,
      timeoutMs: 10_000,
      topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
    })
    return res.responses[0].partitionResponses[0]
  }

  async fetchOnce(
    topic: string,
    partition: number,
    offset: number,
    maxBytes = 8 << 20,
    version = 11,
  ): Promise<{ errorCode: number; highWatermark: bigint; logStartOffset: bigint; records: Buffer | null }> {
    const v = this.conn.pick(ApiKey.Fetch, version)
    const res = await this.conn.request(ApiKey.Fetch, v, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [
        {
          topic,
          partitions: [
            { partition, fetchOffset: BigInt(offset), currentLeaderEpoch: -1, logStartOffset: -1n, partitionMaxBytes: maxBytes, lastFetchedEpoch: -1 },
          ],
        },
      ],
      forgottenTopicsData: [],
      rackId: '',
    })
    return res.responses[0].partitions[0]
  }

  /** Every record of a partition from `from` up to the high watermark. */
  async fetchAll(topic: string, partition: number, decompress?: Decompress, from = 0): Promise<{ records: DecodedRecord[]; highWatermark: number }> {
    const records: DecodedRecord[] = []
    let offset = from
    for (let round = 0; round < 10_000; round++) {
      const p = await this.fetchOnce(topic, partition, offset)
      if (p.errorCode !== 0) throw new Error(`Fetch ${topic}-${partition}@${offset}: error ${p.errorCode}`)
      const hw = Number(p.highWatermark)
      const got = (await decodeBatches(p.records, decompress)).filter((r) => r.offset >= offset)
      records.push(...got)
      if (got.length > 0) offset = got[got.length - 1]!.offset + 1
      if (offset >= hw) return { records, highWatermark: hw }
      if (got.length === 0) throw new Error(`Fetch ${topic}-${partition}@${offset}: no records below high watermark ${hw}`)
    }
    throw new Error('fetchAll did not finish')
  }

  /** ListOffsets for one partition: timestamp -2 earliest, -1 latest, else first offset at or after it. */
  async listOffset(topic: string, partition: number, timestamp: bigint, version = 7): Promise<{ errorCode: number; offset: bigint; timestamp: bigint }> {
    const v = this.conn.pick(ApiKey.ListOffsets, version)
    const res = await this.conn.request(ApiKey.ListOffsets, v, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 }] }],
    })
    return res.topics[0].partitions[0]
  }

  async metadata(topics: string[] | null, allowAutoTopicCreation = false): Promise<any> {
    const v = this.conn.pick(ApiKey.Metadata, 12)
    return this.conn.request(ApiKey.Metadata, v, {
      topics: topics === null ? null : topics.map((name) => ({ name, topicId: '00000000-0000-0000-0000-000000000000' })),
      allowAutoTopicCreation,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    })
  }
}
