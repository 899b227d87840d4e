/**
 * Copies records from one leader broker into the partitions this broker follows there (Kafka's
 * ReplicaFetcherThread): one connection, one Fetch at a time carrying every partition it follows
 * on that broker, as a follower (replica id, broker epoch), long-polling
 * replica.fetch.wait.max.ms.
 *
 * A partition handed over under a new leader epoch first finds where its log diverges from the
 * leader's: it asks OffsetForLeaderEpoch where its latest epoch ends there and truncates
 * (see truncation.ts), then fetches from its log end. Fetched batches are appended as they are
 * (PartitionLog.appendAsFollower); the next fetch waits until they are written, so the offset it
 * reports to the leader (which moves the leader's high watermark, and acknowledges acks=all
 * writes) is what this broker holds. The follower's high watermark and log start follow the
 * leader's.
 *
 * Errors, as Kafka treats them: FENCED_LEADER_EPOCH leaves the partition until the controller
 * hands it over again; an offset out of range asks the leader where its log starts and ends
 * (ListOffsets as a replica) and truncates; other errors back off replica.fetch.backoff.ms.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../logger.js'
import type { BrokerConfig } from '../config/broker-config.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { FetchResponse } from '../protocol/generated/fetch-response.js'
import { ZERO_UUID } from '../protocol/codec-support.js'
import type { Connection } from '../client/connection.js'
import type { Partition } from '../broker/partition.js'
import { StorageError } from '../errors.js'
import { offsetTruncationState } from './truncation.js'
import { isThrottledReplica, type ReplicationQuota } from '../broker/replication-quota.js'

export interface FetcherContext {
  readonly localId: number
  readonly brokerEpoch: () => bigint
  readonly config: BrokerConfig
  readonly log: Logger
  /** Connects to broker `leaderId` on the inter-broker listener (rejects when it cannot be found). */
  connect(leaderId: number): Promise<Connection>
  /** The follower's high watermark moved (consumers of it may wake). */
  highWatermarkMoved(p: Partition): void
  /** follower.replication.throttled.rate, for the replicas topics list as throttled */
  readonly quota?: ReplicationQuota
}

type Phase = 'truncating' | 'fetching'

interface FetchState {
  readonly partition: Partition
  /** the leader epoch the partition was handed over under */
  readonly leaderEpoch: number
  phase: Phase
  /** not fetched before this time (ms) */
  delayedUntil: number
  /** the last error logged, to say each once */
  lastError: number
}

const LATEST = -1n
const EARLIEST = -2n

const keyOf = (p: Partition): string => `${p.topic}\u0000${p.index}`

export class ReplicaFetcher {
  readonly leaderId: number
  readonly fetcherId: number
  readonly #ctx: FetcherContext
  readonly #states = new Map<string, FetchState>()
  #conn: Connection | undefined
  #closed = false
  #wake: (() => void) | undefined
  #running: Promise<void> | undefined
  #failures = 0

  constructor(leaderId: number, fetcherId: number, ctx: FetcherContext) {
    this.leaderId = leaderId
    this.fetcherId = fetcherId
    this.#ctx = ctx
  }

  get partitionCount(): number {
    return this.#states.size
  }

  /** Starts fetching `partitions` (they follow this leader under their current epoch); truncation first. */
  add(partitions: readonly Partition[]): void {
    for (const p of partitions)
      this.#states.set(keyOf(p), { partition: p, leaderEpoch: p.leaderEpoch, phase: 'truncating', delayedUntil: 0, lastError: ErrorCode.NONE })
    this.#kick()
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined
    })
  }

  remove(partitions: readonly Partition[]): void {
    for (const p of partitions) {
      const s = this.#states.get(keyOf(p))
      if (s?.partition === p) this.#states.delete(keyOf(p))
    }
  }

  /** Stops: the loop ends, the connection closes. */
  async close(): Promise<void> {
    this.#closed = true
    this.#kick()
    this.#conn?.destroy()
    this.#conn = undefined
    await this.#running
  }

  #kick(): void {
    const w = this.#wake
    this.#wake = undefined
    w?.()
  }

  /** Sleeps until `ms` passed or something changed (a partition added, close). */
  async #idle(ms: number): Promise<void> {
    const ac = new AbortController()
    this.#wake = () => ac.abort()
    await sleep(ms, undefined, { signal: ac.signal }).catch(() => {})
    this.#wake = undefined
  }

  /** The state of `p` if it is still fetched under the epoch the state was made for. */
  #current(s: FetchState): boolean {
    const p = s.partition
    return !this.#closed && this.#states.get(keyOf(p)) === s && !p.isLeader && p.leaderEpoch === s.leaderEpoch && !p.log.closed
  }

  get #values() {
    return this.#ctx.config.values
  }

  async #run(): Promise<void> {
    while (!this.#closed && this.#states.size > 0) {
      try {
        this.#conn ??= await this.#ctx.connect(this.leaderId)
        const now = Date.now()
        const ready = [...this.#states.values()].filter((s) => s.delayedUntil <= now)
        const truncating = ready.filter((s) => s.phase === 'truncating')
        if (truncating.length > 0) await this.#truncate(this.#conn, truncating)
        const fetching = ready.filter((s) => s.phase === 'fetching' && this.#states.get(keyOf(s.partition)) === s)
        // Kafka's shouldFollowerThrottle: throttled replicas out of the ISR wait while the rate is above the bound.
        const unthrottled = fetching.filter((s) => !this.#held(s))
        if (unthrottled.length === 0) {
          const next = Math.min(...[...this.#states.values()].map((s) => s.delayedUntil))
          await this.#idle(fetching.length > 0 ? Math.min(Number(this.#values.replicaFetchBackoffMs), 1000) : Math.max(10, Math.min(next - Date.now(), 1000)))
          continue
        }
        await this.#fetch(this.#conn, unthrottled)
        this.#failures = 0
      } catch (err) {
        if (this.#closed) break
        const fields = { leader: this.leaderId, err: (err as Error).message }
        if (this.#failures++ === 0) this.#ctx.log.warn(fields, 'replica fetcher failed; retrying')
        else this.#ctx.log.debug(fields, 'replica fetcher failed again')
        this.#conn?.destroy()
        this.#conn = undefined
        await this.#idle(Number(this.#values.replicaFetchBackoffMs))
      }
    }
  }

  #throttled(p: Partition): boolean {
    return this.#ctx.quota !== undefined && isThrottledReplica(p.log.config.followerReplicationThrottledReplicas, p.index, this.#ctx.localId)
  }

  #held(s: FetchState): boolean {
    return this.#throttled(s.partition) && !s.partition.isr.includes(this.#ctx.localId) && this.#ctx.quota!.isQuotaExceeded()
  }

  #delay(s: FetchState, errorCode: number, message?: string): void {
    s.delayedUntil = Date.now() + Number(this.#values.replicaFetchBackoffMs)
    if (s.lastError !== errorCode) {
      s.lastError = errorCode
      this.#ctx.log.info(
        { topic: s.partition.topic, partition: s.partition.index, leader: this.leaderId, errorCode, message },
        'replica fetch error; backing off',
      )
    }
  }

  // ---- truncation -----------------------------------------------------------------------------

  async #truncate(conn: Connection, states: FetchState[]): Promise<void> {
    const asking: FetchState[] = []
    for (const s of states) {
      const log = s.partition.log
      if (log.latestEpoch < 0) {
        // No epochs (an empty log): what is certainly committed is what it keeps.
        await this.#truncateTo(s, log.highWatermark)
        s.phase = 'fetching'
      } else {
        asking.push(s)
      }
    }
    if (asking.length === 0) return
    const byTopic = groupByTopic(asking)
    const res = await conn.request('OffsetForLeaderEpoch', {
      replicaId: this.#ctx.localId,
      topics: [...byTopic].map(([topic, ss]) => ({
        topic,
        partitions: ss.map((s) => ({ partition: s.partition.index, currentLeaderEpoch: s.leaderEpoch, leaderEpoch: s.partition.log.latestEpoch })),
      })),
    })
    for (const t of res.topics) {
      for (const r of t.partitions) {
        const s = byTopic.get(t.topic)?.find((x) => x.partition.index === r.partition)
        if (s === undefined || !this.#current(s)) continue
        if (r.errorCode === ErrorCode.FENCED_LEADER_EPOCH) {
          this.#fenced(s)
          continue
        }
        if (r.errorCode !== ErrorCode.NONE) {
          this.#delay(s, r.errorCode)
          continue
        }
        const log = s.partition.log
        const state = offsetTruncationState({ epoch: r.leaderEpoch, endOffset: r.endOffset }, log)
        if (state.offset < log.logEndOffset) {
          this.#ctx.log.info(
            {
              topic: s.partition.topic,
              partition: s.partition.index,
              leader: this.leaderId,
              leaderEpoch: s.leaderEpoch,
              from: String(log.logEndOffset),
              to: String(state.offset),
            },
            "truncating the log to where it diverges from the leader's",
          )
        }
        await this.#truncateTo(s, state.offset)
        if (state.completed && this.#current(s)) s.phase = 'fetching'
      }
    }
  }

  /** Truncates unless the partition's role changed meanwhile. */
  async #truncateTo(s: FetchState, offset: bigint): Promise<void> {
    await s.partition.log.truncateTo(offset, () => this.#current(s))
  }

  #fenced(s: FetchState): void {
    // A newer leader epoch exists: the controller's LeaderAndIsr will hand the partition over again.
    this.#ctx.log.info(
      { topic: s.partition.topic, partition: s.partition.index, leader: this.leaderId, leaderEpoch: s.leaderEpoch },
      'fenced by a newer leader epoch; waiting for the controller',
    )
    this.#states.delete(keyOf(s.partition))
  }

  // ---- fetching -------------------------------------------------------------------------------

  async #fetch(conn: Connection, states: FetchState[]): Promise<void> {
    const v = this.#values
    const maxWaitMs = v.replicaFetchWaitMaxMs
    const sent = new Map<string, { s: FetchState; offset: bigint }>()
    const byTopic = groupByTopic(states)
    for (const ss of byTopic.values()) for (const s of ss) sent.set(keyOf(s.partition), { s, offset: s.partition.log.logEndOffset })
    // Read into a pooled buffer: the fetched records are appended as they are and held by the
    // log writer until written, then the buffer goes back (fresh megabytes per fetch cost full GCs).
    const { response: res, release } = await conn.requestLeased(
      'Fetch',
      {
        clusterId: null,
        replicaId: this.#ctx.localId,
        replicaState: { replicaId: this.#ctx.localId, replicaEpoch: this.#ctx.brokerEpoch() },
        maxWaitMs,
        minBytes: v.replicaFetchMinBytes,
        maxBytes: v.replicaFetchResponseMaxBytes,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [...byTopic].map(([topic, ss]) => ({
          topic,
          topicId: ss[0]!.partition.topicId,
          partitions: ss.map((s) => ({
            partition: s.partition.index,
            currentLeaderEpoch: s.leaderEpoch,
            fetchOffset: sent.get(keyOf(s.partition))!.offset,
            lastFetchedEpoch: -1,
            logStartOffset: s.partition.log.logStartOffset,
            partitionMaxBytes: v.replicaFetchMaxBytes,
            replicaDirectoryId: ZERO_UUID,
          })),
        })),
        forgottenTopicsData: [],
        rackId: '',
      },
      { minVersion: 4, timeoutMs: maxWaitMs + v.replicaSocketTimeoutMs },
    )
    const writes: Array<Promise<void>> = []
    try {
      await this.#handleFetched(conn, res, sent, writes)
    } finally {
      await Promise.allSettled(writes)
      release()
    }
  }

  async #handleFetched(
    conn: Connection,
    res: FetchResponse,
    sent: Map<string, { s: FetchState; offset: bigint }>,
    writes: Array<Promise<void>>,
  ): Promise<void> {
    if (res.errorCode !== ErrorCode.NONE) throw new Error(`Fetch failed with error ${res.errorCode}`)
    const outOfRange: FetchState[] = []
    for (const t of res.responses) {
      for (const pd of t.partitions) {
        const item = [...sent.values()].find(
          (x) => x.s.partition.index === pd.partitionIndex && (x.s.partition.topic === t.topic || x.s.partition.topicId === t.topicId),
        )
        if (item === undefined) continue
        const { s, offset } = item
        const log = s.partition.log
        // Handed over again, stopped, or truncated meanwhile: this answer is for another log.
        if (!this.#current(s) || log.logEndOffset !== offset || s.phase !== 'fetching') continue
        if (pd.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
          outOfRange.push(s)
          continue
        }
        if (pd.errorCode === ErrorCode.FENCED_LEADER_EPOCH) {
          this.#fenced(s)
          continue
        }
        if (pd.errorCode !== ErrorCode.NONE) {
          this.#delay(s, pd.errorCode)
          continue
        }
        s.lastError = ErrorCode.NONE
        const records = pd.records
        if (records !== null && records.length > 0) {
          try {
            log.appendAsFollower(records)
          } catch (err) {
            if (err instanceof StorageError && err.code.startsWith('SAMSA_STORAGE_REPLICA')) {
              // Not what this log expects: find where it stands with the leader again.
              this.#ctx.log.warn(
                { topic: s.partition.topic, partition: s.partition.index, err: err.message },
                'replicated records do not continue the log; truncating again',
              )
              s.phase = 'truncating'
              continue
            }
            this.#delay(s, ErrorCode.KAFKA_STORAGE_ERROR, (err as Error).message)
            continue
          }
          writes.push(log.whenWritten())
          if (this.#throttled(s.partition)) this.#ctx.quota!.record(records.length)
        }
        const before = log.highWatermark
        const hw = log.updateHighWatermark(pd.highWatermark < log.logEndOffset ? pd.highWatermark : log.logEndOffset)
        if (hw !== before) this.#ctx.highWatermarkMoved(s.partition)
        // The leader deleted records (retention, DeleteRecords): so does the follower, up to its high watermark.
        if (pd.logStartOffset > log.logStartOffset && pd.logStartOffset <= log.highWatermark) {
          void log
            .deleteRecordsBefore(pd.logStartOffset)
            .catch((err: unknown) => this.#ctx.log.warn({ err, dir: log.dir }, "cannot move the log start offset up to the leader's"))
        }
      }
    }
    // What the next fetch reports as this replica's log end must be in its files.
    const failed = (await Promise.allSettled(writes)).filter((r) => r.status === 'rejected')
    if (failed.length > 0) this.#ctx.log.warn({ leader: this.leaderId, failed: failed.length }, 'replicated records could not be written')
    if (outOfRange.length > 0) await this.#outOfRange(conn, outOfRange)
  }

  /**
   * Kafka's handleOutOfRangeError: when the leader's log ends below this one's, truncate to its
   * end; when it starts above this one's end, start this log afresh at the leader's start.
   */
  async #outOfRange(conn: Connection, states: FetchState[]): Promise<void> {
    const ends = await this.#listOffsets(conn, states, LATEST)
    const earliest = await this.#listOffsets(conn, states, EARLIEST)
    for (const s of states) {
      if (!this.#current(s)) continue
      const log = s.partition.log
      const end = ends.get(keyOf(s.partition))
      const start = earliest.get(keyOf(s.partition))
      if (end === undefined || start === undefined) {
        this.#delay(s, ErrorCode.OFFSET_OUT_OF_RANGE)
        continue
      }
      if (end < log.logEndOffset) {
        this.#ctx.log.warn(
          { topic: s.partition.topic, partition: s.partition.index, from: String(log.logEndOffset), to: String(end) },
          "the leader's log ends below this replica's: truncating",
        )
        await this.#truncateTo(s, end)
      } else if (log.logEndOffset < start) {
        this.#ctx.log.info(
          { topic: s.partition.topic, partition: s.partition.index, leaderLogStart: String(start) },
          "the leader's log starts past this replica's end: starting afresh there",
        )
        await s.partition.log.truncateFullyAndStartAt(start, () => this.#current(s))
      }
    }
  }

  async #listOffsets(conn: Connection, states: FetchState[], timestamp: bigint): Promise<Map<string, bigint>> {
    const byTopic = groupByTopic(states)
    const res = await conn.request(
      'ListOffsets',
      {
        replicaId: this.#ctx.localId,
        isolationLevel: 0,
        topics: [...byTopic].map(([name, ss]) => ({
          name,
          partitions: ss.map((s) => ({ partitionIndex: s.partition.index, currentLeaderEpoch: s.leaderEpoch, timestamp, maxNumOffsets: 1 })),
        })),
      },
      { minVersion: 1 },
    )
    const out = new Map<string, bigint>()
    for (const t of res.topics) {
      for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) out.set(`${t.name}\u0000${p.partitionIndex}`, p.offset)
    }
    return out
  }
}

function groupByTopic(states: readonly FetchState[]): Map<string, FetchState[]> {
  const out = new Map<string, FetchState[]>()
  for (const s of states) {
    let list = out.get(s.partition.topic)
    if (list === undefined) out.set(s.partition.topic, (list = []))
    list.push(s)
  }
  return out
}
