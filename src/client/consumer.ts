/**
 * A consumer in one of two modes. Assign mode: the caller names partitions and where to start
 * (an offset, a time, the beginning or the end). Group mode: `subscribe` joins a consumer group
 * (see group.ts), starts each assigned partition at its committed offset (else per
 * `autoOffsetReset`), and commits positions periodically and on close.
 *
 * `poll()` sends one sessionless Fetch per leader and returns the records; positions advance
 * past what it returns. `caughtUp()` says whether every partition has reached its high watermark.
 */
import { ZERO_UUID } from '../protocol/codec-support.js'
import { Cluster, tpKey, type ClusterOptions } from './cluster.js'
import { ClientError, KafkaResponseError } from './errors.js'
import { GroupMembership, type GroupOptions } from './group.js'
import { listOffsets, type OffsetSpec } from './offsets.js'
import { decodeRecordSet, type DecodedRecord } from './records.js'
import { GroupAdmin } from './admin-groups.js'

export type StartPosition = 'earliest' | 'latest' | bigint | { timestamp: number | bigint }

export interface ConsumerOptions extends GroupOptions {
  groupId?: string
  /** Where a group member starts a partition with no committed offset; default `latest`. */
  autoOffsetReset?: 'earliest' | 'latest'
  /** Long-poll wait of each Fetch; default 500 ms. */
  maxWaitMs?: number
  minBytes?: number
  maxBytes?: number
  partitionMaxBytes?: number
  /** 0 read_uncommitted (default), 1 read_committed. */
  isolationLevel?: 0 | 1
  /** Group mode; default true. */
  autoCommit?: boolean
  autoCommitIntervalMs?: number
}

export interface ConsumedRecord extends DecodedRecord {
  topic: string
  partition: number
}

interface Position {
  topic: string
  partition: number
  offset: bigint
  highWatermark: bigint | undefined
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export class Consumer {
  readonly cluster: Cluster
  readonly #ownsCluster: boolean
  readonly #opts: ConsumerOptions
  #positions = new Map<string, Position>()
  #group: GroupMembership | undefined
  #lastCommit = Date.now()
  #committed = new Map<string, bigint>()
  #closed = false

  constructor(cluster: Cluster, opts: ConsumerOptions = {}, ownsCluster = false) {
    this.cluster = cluster
    this.#opts = opts
    this.#ownsCluster = ownsCluster
  }

  static async connect(opts: ClusterOptions & ConsumerOptions): Promise<Consumer> {
    const cluster = new Cluster(opts)
    try {
      await cluster.connect()
    } catch (err) {
      await cluster.close()
      throw err
    }
    return new Consumer(cluster, opts, true)
  }

  /** The group member (group mode only). */
  get group(): GroupMembership | undefined {
    return this.#group
  }

  /** Assign mode: read these partitions from the given positions. */
  async assign(parts: readonly { topic: string; partition: number; start: StartPosition }[]): Promise<void> {
    for (const p of parts) await this.cluster.leaderFor(p.topic, p.partition)
    const offsets = await this.#resolve(parts)
    this.#positions = new Map(
      parts.map((p) => [
        tpKey(p.topic, p.partition),
        { topic: p.topic, partition: p.partition, offset: offsets.get(tpKey(p.topic, p.partition))!, highWatermark: undefined },
      ]),
    )
  }

  /** Group mode: joins `groupId` subscribed to `topics`. */
  async subscribe(topics: readonly string[]): Promise<void> {
    const groupId = this.#opts.groupId
    if (groupId === undefined) throw new ClientError('SAMSA_CLIENT_INVALID', 'subscribe needs a groupId')
    for (const t of topics) await this.cluster.topic(t)
    this.#group = new GroupMembership(this.cluster, groupId, topics, this.#opts)
    await this.#rejoin()
  }

  assignment(): { topic: string; partition: number }[] {
    return [...this.#positions.values()].map(({ topic, partition }) => ({ topic, partition }))
  }

  /** Where each partition stands: next offset to read and the last known high watermark. */
  positions(): Position[] {
    return [...this.#positions.values()].map((p) => ({ ...p }))
  }

  /** Moves the next offset to read of an assigned partition. */
  seek(topic: string, partition: number, offset: bigint): void {
    const p = this.#positions.get(tpKey(topic, partition))
    if (p !== undefined) p.offset = offset
  }

  /** True when every assigned partition's position has reached its high watermark. */
  caughtUp(): boolean {
    for (const p of this.#positions.values()) if (p.highWatermark === undefined || p.offset < p.highWatermark) return false
    return true
  }

  /** One fetch round; returns the records it got (possibly none after maxWaitMs). */
  async poll(opts: { maxWaitMs?: number } = {}): Promise<ConsumedRecord[]> {
    if (this.#closed) throw new ClientError('SAMSA_CLIENT_CLOSED', 'the consumer is closed')
    if (this.#group !== undefined) {
      if (this.#group.needsRejoin) await this.#rejoin()
      await this.#maybeAutoCommit()
    }
    const maxWaitMs = opts.maxWaitMs ?? this.#opts.maxWaitMs ?? 500
    if (this.#positions.size === 0) {
      await sleep(maxWaitMs)
      return []
    }
    let byLeader: Map<number, Position[]>
    try {
      byLeader = await this.cluster.byLeader([...this.#positions.values()])
    } catch (err) {
      if (!(err instanceof KafkaResponseError) || !err.retriable) throw err
      this.cluster.topics.clear()
      await sleep(100)
      return []
    }
    const results = await Promise.all([...byLeader].map(([leader, ps]) => this.#fetch(leader, ps, maxWaitMs)))
    return results.flat()
  }

  /** Group mode: commits the current positions (only those that moved since the last commit). */
  async commit(): Promise<void> {
    const g = this.#group
    if (g === undefined || g.generationId < 0) return
    const offsets = [...this.#positions.values()]
      .filter((p) => this.#committed.get(tpKey(p.topic, p.partition)) !== p.offset)
      .map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset }))
    await g.commit(offsets)
    for (const o of offsets) this.#committed.set(tpKey(o.topic, o.partition), o.offset)
    this.#lastCommit = Date.now()
  }

  /** Commits (group mode, with autoCommit), leaves the group, closes the connections it owns. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    try {
      if (this.#group !== undefined && this.#opts.autoCommit !== false && !this.#group.needsRejoin) await this.commit()
    } finally {
      await this.#group?.leave()
      if (this.#ownsCluster) await this.cluster.close()
    }
  }

  async #maybeAutoCommit(): Promise<void> {
    if (this.#opts.autoCommit === false) return
    if (Date.now() - this.#lastCommit < (this.#opts.autoCommitIntervalMs ?? 5_000)) return
    try {
      await this.commit()
    } catch {
      // A failed periodic commit is retried next time; close() commits once more.
    }
  }

  async #rejoin(): Promise<void> {
    const g = this.#group!
    if (g.generationId >= 0 && this.#opts.autoCommit !== false) await this.commit().catch(() => {})
    const assignment = await g.join()
    const parts = [...assignment].flatMap(([topic, ps]) => ps.map((partition) => ({ topic, partition })))
    const committed =
      parts.length === 0
        ? []
        : await new GroupAdmin(this.cluster).listGroupOffsets(
            g.groupId,
            [...assignment].map(([topic, partitions]) => ({ topic, partitions })),
          )
    const known = new Map(committed.filter((c) => c.offset >= 0n).map((c) => [tpKey(c.topic, c.partition), c.offset]))
    const reset = this.#opts.autoOffsetReset ?? 'latest'
    const missing = parts.filter((p) => !known.has(tpKey(p.topic, p.partition)))
    const resolved = await this.#resolve(missing.map((p) => ({ ...p, start: reset })))
    this.#committed = new Map(known)
    this.#positions = new Map(
      parts.map((p) => {
        const k = tpKey(p.topic, p.partition)
        return [k, { ...p, offset: known.get(k) ?? resolved.get(k)!, highWatermark: undefined }]
      }),
    )
  }

  async #resolve(parts: readonly { topic: string; partition: number; start: StartPosition }[]): Promise<Map<string, bigint>> {
    const out = new Map<string, bigint>()
    const queries: { topic: string; partition: number; spec: OffsetSpec }[] = []
    for (const p of parts) {
      if (typeof p.start === 'bigint') out.set(tpKey(p.topic, p.partition), p.start)
      else queries.push({ topic: p.topic, partition: p.partition, spec: p.start })
    }
    if (queries.length === 0) return out
    const found = await listOffsets(this.cluster, queries, this.#opts.isolationLevel ?? 0)
    const needEnd = queries.filter((q) => (found.get(tpKey(q.topic, q.partition))?.offset ?? -1n) < 0n)
    const ends =
      needEnd.length === 0
        ? new Map()
        : await listOffsets(
            this.cluster,
            needEnd.map((q) => ({ ...q, spec: 'latest' as const })),
          )
    for (const q of queries) {
      const k = tpKey(q.topic, q.partition)
      const o = found.get(k)?.offset ?? -1n
      out.set(k, o >= 0n ? o : (ends.get(k)?.offset ?? 0n))
    }
    return out
  }

  async #fetch(leader: number, ps: Position[], maxWaitMs: number): Promise<ConsumedRecord[]> {
    const byTopic = new Map<string, Position[]>()
    for (const p of ps) {
      let list = byTopic.get(p.topic)
      if (list === undefined) byTopic.set(p.topic, (list = []))
      list.push(p)
    }
    const ids = new Map<string, string>()
    for (const t of byTopic.keys()) ids.set(t, this.cluster.topics.get(t)?.topicId ?? ZERO_UUID)
    const haveIds = [...ids.values()].every((id) => id !== ZERO_UUID)
    const names = new Map([...ids].map(([name, id]) => [id, name]))
    let res
    try {
      const conn = await this.cluster.connection(leader)
      res = await conn.request(
        'Fetch',
        {
          replicaId: -1,
          maxWaitMs,
          minBytes: this.#opts.minBytes ?? 1,
          maxBytes: this.#opts.maxBytes ?? 52_428_800,
          isolationLevel: this.#opts.isolationLevel ?? 0,
          sessionId: 0,
          sessionEpoch: -1,
          topics: [...byTopic].map(([topic, list]) => ({
            topic,
            topicId: ids.get(topic)!,
            partitions: list.map((p) => ({
              partition: p.partition,
              currentLeaderEpoch: -1,
              fetchOffset: p.offset,
              lastFetchedEpoch: -1,
              logStartOffset: -1n,
              partitionMaxBytes: this.#opts.partitionMaxBytes ?? 1_048_576,
            })),
          })),
          forgottenTopicsData: [],
          rackId: '',
        },
        { minVersion: 4, ...(haveIds ? {} : { maxVersion: 12 }), timeoutMs: maxWaitMs + (conn.requestTimeoutMs ?? 30_000) },
      )
    } catch (err) {
      if (err instanceof ClientError && err.code === 'SAMSA_CLIENT_DISCONNECTED') {
        this.cluster.topics.clear()
        return []
      }
      throw err
    }
    if (res.errorCode !== 0) throw new KafkaResponseError(res.errorCode, { api: 'Fetch' })
    const out: ConsumedRecord[] = []
    const resets: { topic: string; partition: number; start: StartPosition }[] = []
    for (const t of res.responses) {
      const topic = t.topic !== '' ? t.topic : names.get(t.topicId)
      if (topic === undefined) continue
      for (const pd of t.partitions) {
        const pos = this.#positions.get(tpKey(topic, pd.partitionIndex))
        if (pos === undefined) continue
        if (pd.errorCode === 1 /* OFFSET_OUT_OF_RANGE */) {
          resets.push({ topic, partition: pd.partitionIndex, start: this.#opts.autoOffsetReset ?? 'latest' })
          continue
        }
        if (pd.errorCode !== 0) {
          const err = new KafkaResponseError(pd.errorCode, { topic, partition: pd.partitionIndex })
          if (!err.retriable) throw err
          this.cluster.topics.delete(topic)
          continue
        }
        pos.highWatermark = pd.highWatermark
        const set = decodeRecordSet(pd.records, pos.offset)
        // The decoded records become ConsumedRecords in place: no copy per record.
        for (const r of set.records as ConsumedRecord[]) {
          r.topic = topic
          r.partition = pd.partitionIndex
          out.push(r)
        }
        if (set.nextOffset !== undefined && set.nextOffset > pos.offset) pos.offset = set.nextOffset
      }
    }
    if (resets.length > 0) {
      const offsets = await this.#resolve(resets)
      for (const [k, o] of offsets) {
        const pos = this.#positions.get(k)
        if (pos !== undefined) pos.offset = o
      }
    }
    return out
  }
}
