/**
 * A producer: records are grouped into one batch per partition (encodeRecordBatch, optionally
 * compressed), batches for the same leader go out in one Produce request, up to `maxInFlight`
 * requests per leader are pipelined, and retriable partition errors send the batch again after
 * a metadata refresh. Without idempotence (like Kafka's producer with max.in.flight > 1), a retry
 * may reorder records of one partition.
 */
import { encodeRecordBatch, type RecordInput } from '../protocol/record-codec.js'
import { Cluster, isRetriable, tpKey, type ClusterOptions, type TopicInfo } from './cluster.js'
import { compressBatch, type CompressionType } from './compression.js'
import { ClientError, KafkaResponseError } from './errors.js'
import { KeylessPartitioner, partitionForKey, type PartitionerName } from './partitioner.js'

export type Bytes = Buffer | string | null

export interface ProducerOptions {
  /** 0: no answer, 1: leader, -1 (default): all in-sync replicas. */
  acks?: 0 | 1 | -1
  compression?: CompressionType
  /** How long the broker may wait for acks; default 30 s. */
  timeoutMs?: number
  /** How long to wait for more records before sending a partial batch; default 0 (next tick). */
  lingerMs?: number
  /** Batch size in bytes that triggers a send; default 16 KiB. */
  batchSize?: number
  partitioner?: PartitionerName
  /** Produce requests in flight per broker; default 5. */
  maxInFlight?: number
  /** Retries of a batch that failed with a retriable error; default 5. */
  retries?: number
  /** Kafka's allow.auto.create.topics: Metadata lets the broker create a missing topic (if it is configured to); default true. */
  allowAutoTopicCreation?: boolean
  /** Kafka's max.request.size: a larger record fails at once with MESSAGE_TOO_LARGE; default 1048576. */
  maxRequestSize?: number
}

/** Kafka's default socket.request.max.bytes: brokers close the connection on larger requests. */
const DEFAULT_SOCKET_REQUEST_MAX_BYTES = 104_857_600

export interface ProducerRecord {
  topic: string
  value: Bytes
  key?: Bytes
  /** Explicit partition; otherwise by key (murmur2) or sticky/round-robin without a key. */
  partition?: number
  headers?: { key: string; value: Bytes }[]
  /** Create time; default now. */
  timestamp?: number | bigint | Date
}

export interface RecordMetadata {
  topic: string
  partition: number
  /** -1 with acks=0. */
  offset: bigint
  /** Create time, or the broker's time for LogAppendTime topics. */
  timestamp: bigint
}

interface Waiter {
  resolve: (m: RecordMetadata) => void
  reject: (e: Error) => void
}

interface Batch {
  topic: string
  partition: number
  records: RecordInput[]
  waiters: Waiter[]
  bytes: number
  attempts: number
}

export class Producer {
  readonly cluster: Cluster
  readonly #ownsCluster: boolean
  readonly #opts: Required<Omit<ProducerOptions, 'partitioner'>>
  readonly #keyless: KeylessPartitioner
  #open = new Map<string, Batch>()
  #ready: Batch[] = []
  #inFlight = new Map<number, number>()
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined
  #unresolved = 0
  #idleWaiters: Array<() => void> = []
  #topicLoads = new Map<string, Promise<TopicInfo>>()
  #closed = false

  constructor(cluster: Cluster, opts: ProducerOptions = {}, ownsCluster = false) {
    this.cluster = cluster
    this.#ownsCluster = ownsCluster
    this.#opts = {
      acks: opts.acks ?? -1,
      compression: opts.compression ?? 'none',
      timeoutMs: opts.timeoutMs ?? 30_000,
      lingerMs: opts.lingerMs ?? 0,
      batchSize: opts.batchSize ?? 16_384,
      maxInFlight: opts.maxInFlight ?? 5,
      retries: opts.retries ?? 5,
      allowAutoTopicCreation: opts.allowAutoTopicCreation ?? true,
      maxRequestSize: opts.maxRequestSize ?? 1_048_576,
    }
    this.#keyless = new KeylessPartitioner(opts.partitioner)
  }

  static async connect(opts: ClusterOptions & ProducerOptions): Promise<Producer> {
    const cluster = new Cluster(opts)
    try {
      await cluster.connect()
    } catch (err) {
      await cluster.close()
      throw err
    }
    return new Producer(cluster, opts, true)
  }

  /** Number of partitions of a topic (loads its metadata once). */
  async partitionCount(topic: string): Promise<number> {
    return (await this.#topic(topic)).partitions.length
  }

  async send(record: ProducerRecord): Promise<RecordMetadata> {
    if (this.#closed) throw new ClientError('SAMSA_CLIENT_CLOSED', 'the producer is closed')
    const info = await this.#topic(record.topic)
    const n = info.partitions.length
    const key = toBuf(record.key)
    let partition: number
    if (record.partition !== undefined) {
      if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= n) {
        throw new KafkaResponseError(3, { topic: record.topic, partition: record.partition }, `topic ${record.topic} has partitions 0-${n - 1}`)
      }
      partition = record.partition
    } else if (key !== null) {
      partition = partitionForKey(key, n)
    } else {
      partition = this.#keyless.partition(record.topic, n)
    }
    const value = toBuf(record.value)
    const ts = record.timestamp
    const input: RecordInput = {
      key,
      value,
      headers: record.headers,
      timestamp: ts === undefined ? BigInt(Date.now()) : ts instanceof Date ? BigInt(ts.getTime()) : BigInt(ts),
    }
    let size = 24 + (key?.length ?? 0) + (value?.length ?? 0)
    for (const h of record.headers ?? []) size += h.key.length + (h.value?.length ?? 0) + 4
    if (size + 61 > this.#opts.maxRequestSize) {
      // As Kafka's producer (RecordTooLargeException): refused before it is sent.
      throw new KafkaResponseError(
        10,
        { topic: record.topic },
        `the record is ${size + 61} bytes when serialized, more than max.request.size (${this.#opts.maxRequestSize})`,
      )
    }
    return new Promise((resolve, reject) => {
      const k = tpKey(record.topic, partition)
      let batch = this.#open.get(k)
      if (batch === undefined) {
        batch = { topic: record.topic, partition, records: [], waiters: [], bytes: 0, attempts: 0 }
        this.#open.set(k, batch)
      }
      batch.records.push(input)
      batch.waiters.push({ resolve, reject })
      batch.bytes += size
      this.#unresolved++
      if (batch.bytes >= this.#opts.batchSize) {
        this.#close(k, batch)
        this.#drain()
      } else {
        this.#schedule()
      }
    })
  }

  sendBatch(records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    return Promise.all(records.map((r) => this.send(r)))
  }

  /** Sends everything buffered and waits until every record is acknowledged or failed. */
  async flush(): Promise<void> {
    for (const [k, b] of this.#open) this.#close(k, b)
    this.#drain()
    if (this.#unresolved === 0) return
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve))
  }

  async close(): Promise<void> {
    if (this.#closed) return
    await this.flush()
    this.#closed = true
    if (this.#ownsCluster) await this.cluster.close()
  }

  #topic(topic: string): Promise<TopicInfo> {
    const cached = this.cluster.topics.get(topic)
    if (cached !== undefined) return Promise.resolve(cached)
    let p = this.#topicLoads.get(topic)
    if (p === undefined) {
      p = this.cluster.retry(() => this.cluster.topic(topic, { refresh: true, allowAutoCreate: this.#opts.allowAutoTopicCreation }))
      p.finally(() => this.#topicLoads.delete(topic)).catch(() => {})
      this.#topicLoads.set(topic, p)
    }
    return p
  }

  #close(key: string, batch: Batch): void {
    this.#open.delete(key)
    this.#ready.push(batch)
    this.#keyless.batchSent(batch.topic, this.cluster.topics.get(batch.topic)?.partitions.length ?? 1)
  }

  #schedule(): void {
    if (this.#timer !== undefined) return
    const fire = (): void => {
      this.#timer = undefined
      for (const [k, b] of this.#open) this.#close(k, b)
      this.#drain()
    }
    this.#timer = this.#opts.lingerMs > 0 ? setTimeout(fire, this.#opts.lingerMs) : setImmediate(fire)
  }

  #drain(): void {
    if (this.#ready.length === 0) return
    const byLeader = new Map<number, Batch[]>()
    const waiting: Batch[] = []
    let unknownLeader = false
    for (const b of this.#ready) {
      const leader = this.cluster.topics.get(b.topic)?.partitions[b.partition]?.leader ?? -1
      if (leader < 0) {
        unknownLeader = true
        waiting.push(b)
        continue
      }
      let list = byLeader.get(leader)
      if (list === undefined) byLeader.set(leader, (list = []))
      list.push(b)
    }
    this.#ready = waiting
    for (const [leader, batches] of byLeader) {
      if ((this.#inFlight.get(leader) ?? 0) >= this.#opts.maxInFlight) {
        this.#ready.push(...batches)
        continue
      }
      // One batch per partition per request; the rest wait for the next round.
      const taken = new Set<string>()
      const now: Batch[] = []
      for (const b of batches) {
        const k = tpKey(b.topic, b.partition)
        if (taken.has(k)) this.#ready.push(b)
        else {
          taken.add(k)
          now.push(b)
        }
      }
      this.#inFlight.set(leader, (this.#inFlight.get(leader) ?? 0) + 1)
      this.#sendTo(leader, now).finally(() => {
        this.#inFlight.set(leader, (this.#inFlight.get(leader) ?? 1) - 1)
        this.#drain()
      })
    }
    if (unknownLeader) {
      this.cluster
        .retry(() => this.cluster.refreshMetadata([...new Set(waiting.map((b) => b.topic))]))
        .then(
          () => this.#drain(),
          (err) => this.#failReady(err as Error),
        )
    }
  }

  #failReady(err: Error): void {
    const ready = this.#ready
    this.#ready = []
    for (const b of ready) this.#settle(b, err)
  }

  async #sendTo(leader: number, batches: Batch[]): Promise<void> {
    const topics = new Map<string, { index: number; records: Buffer }[]>()
    let requestBytes = 0
    for (const b of batches) {
      let records: Buffer
      try {
        records = compressBatch(encodeRecordBatch({ records: b.records }), this.#opts.compression)
      } catch (err) {
        this.#settle(b, err as Error)
        continue
      }
      let list = topics.get(b.topic)
      if (list === undefined) topics.set(b.topic, (list = []))
      list.push({ index: b.partition, records })
      requestBytes += records.length
    }
    if (topics.size === 0) return
    const acks = this.#opts.acks
    try {
      const conn = await this.cluster.connection(leader)
      const res = await conn.request(
        'Produce',
        {
          transactionalId: null,
          acks,
          timeoutMs: this.#opts.timeoutMs,
          topicData: [...topics].map(([name, partitionData]) => ({ name, partitionData })),
        },
        { minVersion: 3, expectResponse: acks !== 0, timeoutMs: this.#opts.timeoutMs + 5_000 },
      )
      if (acks === 0) {
        for (const b of batches) this.#settle(b, null, -1n, -1n)
        return
      }
      const results = new Map<string, { errorCode: number; baseOffset: bigint; logAppendTimeMs: bigint; errorMessage: string | null }>()
      for (const t of res.responses) for (const p of t.partitionResponses) results.set(tpKey(t.name, p.index), p)
      for (const b of batches) {
        const r = results.get(tpKey(b.topic, b.partition))
        if (r === undefined) this.#settle(b, new ClientError('SAMSA_CLIENT_DECODE', `no produce result for ${b.topic}-${b.partition}`))
        else if (r.errorCode === 0) this.#settle(b, null, r.baseOffset, r.logAppendTimeMs)
        else this.#retryOrFail(b, new KafkaResponseError(r.errorCode, { topic: b.topic, partition: b.partition }, r.errorMessage))
      }
    } catch (err) {
      if (err instanceof ClientError && err.code === 'SAMSA_CLIENT_DISCONNECTED' && requestBytes > DEFAULT_SOCKET_REQUEST_MAX_BYTES) {
        // Sending it again would end the same way.
        const why = new ClientError(
          'SAMSA_CLIENT_DISCONNECTED',
          `the broker closed the connection on a Produce request of ${requestBytes} bytes: brokers refuse requests larger than their socket.request.max.bytes (default ${DEFAULT_SOCKET_REQUEST_MAX_BYTES})`,
          { cause: err },
        )
        for (const b of batches) this.#settle(b, why)
        return
      }
      for (const b of batches) this.#retryOrFail(b, err as Error)
    }
  }

  #retryOrFail(b: Batch, err: Error): void {
    if (!this.#closed && b.attempts < this.#opts.retries && isRetriable(err)) {
      b.attempts++
      this.cluster.topics.delete(b.topic)
      setTimeout(
        () => {
          this.#ready.unshift(b)
          this.#drain()
        },
        Math.min(100 * 2 ** b.attempts, 1000),
      )
      return
    }
    this.#settle(b, err)
  }

  #settle(b: Batch, err: Error | null, baseOffset = -1n, logAppendTime = -1n): void {
    b.waiters.forEach((w, i) => {
      if (err !== null) w.reject(err)
      else {
        w.resolve({
          topic: b.topic,
          partition: b.partition,
          offset: baseOffset < 0n ? -1n : baseOffset + BigInt(i),
          timestamp: logAppendTime >= 0n ? logAppendTime : b.records[i]!.timestamp!,
        })
      }
    })
    this.#unresolved -= b.waiters.length
    if (this.#unresolved === 0) {
      const waiters = this.#idleWaiters
      this.#idleWaiters = []
      for (const w of waiters) w()
    }
  }
}

function toBuf(b: Bytes | undefined): Buffer | null {
  if (b === null || b === undefined) return null
  return typeof b === 'string' ? Buffer.from(b) : b
}
