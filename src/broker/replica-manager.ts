/**
 * Kafka's ReplicaManager: the partitions this broker hosts, each a Partition over its log. The
 * controller's LeaderAndIsr makes this broker the leader or a follower of partitions
 * (becomeLeaderOrFollower opens their logs), its StopReplica drops them (and deletes their logs
 * when the topic is deleted). It owns the purgatories of requests that wait on partitions: a
 * parked fetch is woken when a partition it watches moves its high watermark, moves its log
 * start offset, changes leadership or goes away.
 *
 * Replication (Kafka's ISR design): a follower partition is handed to the ReplicaFetcher, which
 * copies the leader's records into its log; a leader learns from each follower's fetches where
 * its log ends and moves the high watermark to the smallest log end in the ISR, which wakes the
 * fetches (and acks=all produces) waiting for it.
 */
import type { LogConfig } from '../storage/log-config.js'
import type { LogManager } from '../storage/log-manager.js'
import type { Logger } from '../logger.js'
import { DelayedOperationPurgatory } from '../purgatory/purgatory.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { LeaderAndIsrEvent, PartitionResult } from '../controller/control.js'
import type { MetadataCache } from './metadata-cache.js'
import { Partition } from './partition.js'
import { DelayedProduce, type AwaitedAppend } from './delayed-produce.js'
import { type ReplicationQuota, UNTHROTTLED } from './replication-quota.js'

/** The purgatory key of a topic-partition (Kafka's TopicPartitionOperationKey). */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`
}

/**
 * Copies records from leaders into the partitions this broker follows (Kafka's
 * ReplicaFetcherManager). Without replication nothing is copied: followers keep their logs.
 */
export interface ReplicaFetcher {
  /** Starts (or moves) fetching for these follower partitions from their leaders. */
  addPartitions(partitions: readonly Partition[]): void
  /** Stops fetching for these partitions (they became leaders, or were stopped). */
  removePartitions(partitions: readonly Partition[]): void
  close(): void
}

/** A leader's proposed ISR for one partition (an AlterPartition item). */
export interface IsrProposal {
  topic: string
  topicId: string
  partition: number
  leaderEpoch: number
  partitionEpoch: number
  newIsr: number[]
}

/** The controller's answer for one partition: the state it wrote, or an error code. */
export interface IsrDecision {
  errorCode: number
  leaderEpoch: number
  isr: number[]
  partitionEpoch: number
}

/**
 * How a leader's ISR changes reach the controller (Kafka's AlterPartitionManager): batched,
 * retried until the controller answers for each partition.
 */
export interface IsrChannel {
  submit(proposal: IsrProposal): Promise<IsrDecision>
  close(): void
}

/** The fetcher of a broker whose followers do not replicate yet. */
const NO_REPLICA_FETCHER: ReplicaFetcher = {
  addPartitions() {},
  removePartitions() {},
  close() {},
}

export interface LeadershipChanges {
  results: PartitionResult[]
  /** partitions this broker now leads (newly, or under a new epoch) */
  leaders: Partition[]
  /** partitions this broker now follows */
  followers: Partition[]
}

/** A request's current leader epoch when it names none (Kafka's NO_PARTITION_LEADER_EPOCH). */
export const NO_EPOCH = -1

const sameIds = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export class ReplicaManager {
  /** Fetches waiting for fetch.min.bytes (Kafka's delayedFetchPurgatory). */
  readonly fetchPurgatory = new DelayedOperationPurgatory('Fetch')
  /** acks=all produces (and coordinator writes) waiting for the ISR (Kafka's delayedProducePurgatory). */
  readonly producePurgatory = new DelayedOperationPurgatory<DelayedProduce>('Produce')
  readonly #logManager: LogManager
  readonly #metadata: MetadataCache
  readonly #log: Logger
  readonly #partitions = new Map<string, Partition[]>()
  #fetcher: ReplicaFetcher = NO_REPLICA_FETCHER
  /** What this broker's leaders send to throttled followers (leader.replication.throttled.rate). */
  leaderQuota: ReplicationQuota = UNTHROTTLED
  #isrChannel: IsrChannel | undefined
  #lagTimeMaxMs: () => number = () => 30_000
  #isrTimer: NodeJS.Timeout | undefined
  /** Partitions whose ISR proposal was refused: not proposed again before this time (ms). */
  readonly #isrBackoff = new WeakMap<Partition, number>()

  constructor(logManager: LogManager, metadata: MetadataCache, log: Logger) {
    this.#logManager = logManager
    this.#metadata = metadata
    this.#log = log
  }

  get localBrokerId(): number {
    return this.#metadata.nodeId
  }

  /** Installs the replica fetcher (replication). */
  setReplicaFetcher(fetcher: ReplicaFetcher): void {
    this.#fetcher = fetcher
  }

  /**
   * Installs the channel to the controller for ISR changes and starts the ISR checks: every
   * replica.lag.time.max.ms / 2 the leaders drop followers not caught up within it (Kafka's
   * isr-expiration task); followers that catch up join as their fetches show it.
   */
  setIsrChannel(channel: IsrChannel, lagTimeMaxMs: () => number): void {
    this.#isrChannel = channel
    this.#lagTimeMaxMs = lagTimeMaxMs
    const tick = (): void => {
      this.maybeShrinkIsr()
      this.#isrTimer = setTimeout(tick, Math.max(100, this.#lagTimeMaxMs() / 2))
      this.#isrTimer.unref()
    }
    this.#isrTimer = setTimeout(tick, Math.max(100, lagTimeMaxMs() / 2))
    this.#isrTimer.unref()
  }

  /** Kafka's maybeShrinkIsr over every partition led here. */
  maybeShrinkIsr(nowMs = Date.now()): void {
    if (this.#isrChannel === undefined) return
    const lag = this.#lagTimeMaxMs()
    for (const list of this.#partitions.values()) {
      for (const p of list) {
        if (p === undefined || !p.isLeader || p.pendingIsr !== undefined) continue
        const out = p.outOfSyncReplicas(nowMs, lag)
        if (out.length === 0) continue
        this.#log.info({ topic: p.topic, partition: p.index, outOfSync: out, lagTimeMaxMs: lag }, 'shrinking the ISR: followers not caught up')
        this.#proposeIsr(
          p,
          p.isr.filter((id) => !out.includes(id)),
          false,
        )
      }
    }
  }

  /** Kafka's maybeExpandIsr: a follower that caught up joins the ISR. */
  #maybeExpandIsr(p: Partition, replicaId: number): void {
    if (this.#isrChannel === undefined || p.pendingIsr !== undefined || !p.canJoinIsr(replicaId) || !this.#metadata.isAlive(replicaId)) return
    if ((this.#isrBackoff.get(p) ?? 0) > Date.now()) return
    this.#log.info({ topic: p.topic, partition: p.index, replica: replicaId }, 'expanding the ISR: a follower caught up')
    this.#proposeIsr(p, [...p.isr, replicaId], true)
  }

  /**
   * Sends an ISR change to the controller (Kafka's prepareIsrExpand/Shrink and
   * submitAlterPartition). Until the answer the high watermark counts the larger ISR; the
   * answer commits the new ISR, or (refused) drops the proposal: a LeaderAndIsr with the state
   * the controller chose follows when the leader was outdated.
   */
  #proposeIsr(p: Partition, newIsr: number[], expand: boolean): void {
    const channel = this.#isrChannel!
    const pending = { isr: newIsr, expand }
    p.pendingIsr = pending
    const leaderEpoch = p.leaderEpoch
    channel.submit({ topic: p.topic, topicId: p.topicId, partition: p.index, leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr }).then(
      (d) => {
        if (p.pendingIsr !== pending || p.leaderEpoch !== leaderEpoch || !p.isLeader) return
        p.pendingIsr = undefined
        if (d.errorCode !== ErrorCode.NONE) {
          this.#log.info({ topic: p.topic, partition: p.index, errorCode: d.errorCode, proposed: newIsr }, 'the controller refused an ISR change')
          this.#isrBackoff.set(p, Date.now() + 1000)
        } else if (d.leaderEpoch === p.leaderEpoch && d.partitionEpoch >= p.partitionEpoch) {
          p.isr = d.isr
          p.partitionEpoch = d.partitionEpoch
        }
        if (p.maybeIncrementHighWatermark()) this.highWatermarkMoved(p)
      },
      (err: unknown) => {
        // The channel retries until closed: this broker is stopping.
        if (p.pendingIsr === pending) p.pendingIsr = undefined
        this.#log.debug({ err, topic: p.topic, partition: p.index }, 'ISR change not sent')
      },
    )
  }

  /** The hosted partition, leader or follower, or undefined (Kafka's onlinePartition). */
  partition(topic: string, index: number): Partition | undefined {
    return this.#partitions.get(topic)?.[index]
  }

  /**
   * The partition if this broker leads it, else the error a client gets (Kafka's
   * getPartitionOrError): NOT_LEADER_OR_FOLLOWER when the partition exists elsewhere (the client
   * refreshes its metadata and retries), UNKNOWN_TOPIC_OR_PARTITION when it does not exist.
   * `currentLeaderEpoch` is checked as hostedPartition checks it.
   */
  leaderPartition(topic: string, index: number, currentLeaderEpoch = NO_EPOCH): Partition | number {
    return this.hostedPartition(topic, index, currentLeaderEpoch, true)
  }

  /**
   * The hosted partition for a request naming the leader epoch its sender knows (-1: none), else
   * the error it gets (Kafka's getPartitionOrError, then Partition.getLocalLog). The epoch is
   * compared first, on a follower as on the leader: older is FENCED_LEADER_EPOCH, newer
   * UNKNOWN_LEADER_EPOCH; only an equal (or no) epoch meets the leadership check, when the
   * request needs the leader (NOT_LEADER_OR_FOLLOWER).
   */
  hostedPartition(topic: string, index: number, currentLeaderEpoch: number, requireLeader: boolean): Partition | number {
    const p = this.#partitions.get(topic)?.[index]
    if (p === undefined) return this.#metadata.partition(topic, index) !== undefined ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    if (currentLeaderEpoch !== NO_EPOCH && currentLeaderEpoch !== p.leaderEpoch)
      return currentLeaderEpoch < p.leaderEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH
    if (requireLeader && !p.isLeader) return ErrorCode.NOT_LEADER_OR_FOLLOWER
    return p
  }

  /** Every hosted partition of `topic` (leaders and followers), in index order. */
  partitions(topic: string): Partition[] {
    return (this.#partitions.get(topic) ?? []).filter((p) => p !== undefined)
  }

  /**
   * Kafka's becomeLeaderOrFollower for one LeaderAndIsr: each partition naming this broker as a
   * replica is opened if needed and takes over the state when its leader epoch is newer (or, at
   * the same epoch, its partition epoch is: an ISR change); the same state again changes nothing,
   * older states are refused with STALE_CONTROLLER_EPOCH. `logConfig` gives a topic's log config
   * for logs opened here.
   */
  async becomeLeaderOrFollower(event: LeaderAndIsrEvent, logConfig: (topic: string) => Promise<LogConfig>): Promise<LeadershipChanges> {
    const out: LeadershipChanges = { results: [], leaders: [], followers: [] }
    const local = this.localBrokerId
    const configs = new Map<string, LogConfig>()
    for (const state of event.partitions) {
      const result = (errorCode: number): void => {
        out.results.push({ topic: state.topic, partition: state.partition, errorCode })
      }
      if (!state.replicas.includes(local)) {
        result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
        continue
      }
      let hosted = this.#partitions.get(state.topic)
      let p = hosted?.[state.partition]
      if (p !== undefined && p.topicId !== state.topicId) {
        result(ErrorCode.INCONSISTENT_TOPIC_ID)
        continue
      }
      if (
        p !== undefined &&
        state.leaderEpoch === p.leaderEpoch &&
        state.partitionEpoch === p.partitionEpoch &&
        state.leader === p.leaderId &&
        sameIds(state.replicas, p.replicas)
      ) {
        // The state this broker has already (a new controller repeats it): nothing changes.
        result(ErrorCode.NONE)
        continue
      }
      if (p !== undefined && (state.leaderEpoch < p.leaderEpoch || (state.leaderEpoch === p.leaderEpoch && state.partitionEpoch <= p.partitionEpoch))) {
        this.#log.warn(
          { topic: state.topic, partition: state.partition, leaderEpoch: state.leaderEpoch, current: p.leaderEpoch },
          'ignoring a LeaderAndIsr with a stale leader epoch',
        )
        result(ErrorCode.STALE_CONTROLLER_EPOCH)
        continue
      }
      if (p === undefined) {
        let config = configs.get(state.topic)
        if (config === undefined) configs.set(state.topic, (config = await logConfig(state.topic)))
        let log
        try {
          log = await this.#logManager.getOrCreateLog(state.topic, state.partition, config)
        } catch (err) {
          this.#log.error({ err, topic: state.topic, partition: state.partition }, "cannot open the partition's log")
          result(ErrorCode.KAFKA_STORAGE_ERROR)
          continue
        }
        log.updateConfig(config)
        // Another LeaderAndIsr may have opened it while this one waited for the log.
        hosted = this.#partitions.get(state.topic)
        if (hosted === undefined) this.#partitions.set(state.topic, (hosted = []))
        p = hosted[state.partition]
        if (p === undefined) {
          const created = new Partition(state.topic, state.topicId, state.partition, log, local)
          const key = partitionKey(state.topic, state.partition)
          // Written records move a leader's high watermark and wake fetches waiting for bytes
          // (followers' among them).
          log.onWritten = () => {
            created.maybeIncrementHighWatermark()
            this.fetchPurgatory.checkAndComplete(key)
          }
          hosted[state.partition] = p = created
        }
      }
      const role = p.applyLeadership(state, Date.now())
      if (role.leads) out.leaders.push(p)
      else if (role.follows) out.followers.push(p)
      result(ErrorCode.NONE)
      // Waiting fetches see the new leadership (and answer NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH),
      // waiting produces too.
      this.fetchPurgatory.checkAndComplete(partitionKey(state.topic, state.partition))
      this.producePurgatory.checkAndComplete(partitionKey(state.topic, state.partition))
    }
    if (out.leaders.length > 0) this.#fetcher.removePartitions(out.leaders)
    if (out.followers.length > 0) this.#fetcher.addPartitions(out.followers)
    return out
  }

  /**
   * A follower's Fetch reached partition `p` (led here) from `fetchOffset`: its log end is
   * recorded, which may move the high watermark. Returns false when it is no replica of `p`.
   */
  recordFollowerFetch(p: Partition, replicaId: number, fetchOffset: bigint, followerLogStart: bigint, brokerEpoch: bigint): boolean {
    if (!p.updateFollowerFetchState(replicaId, fetchOffset, followerLogStart, Date.now(), brokerEpoch)) return false
    this.#maybeExpandIsr(p, replicaId)
    if (p.maybeIncrementHighWatermark()) this.highWatermarkMoved(p)
    return true
  }

  /**
   * Wakes what waits on `p`'s high watermark (fetches, acks=all produces), after the current
   * step: this may be called while a waiting fetch reads.
   */
  highWatermarkMoved(p: Partition): void {
    const key = partitionKey(p.topic, p.index)
    if (this.#waking.has(key)) return
    this.#waking.add(key)
    queueMicrotask(() => {
      this.#waking.delete(key)
      this.fetchPurgatory.checkAndComplete(key)
      this.producePurgatory.checkAndComplete(key)
    })
  }

  readonly #waking = new Set<string>()

  /**
   * An acks=all wait (Kafka's DelayedProduce): resolves when every append's partition has its
   * records on the ISR, or with the error each got (REQUEST_TIMED_OUT after `timeoutMs`).
   */
  awaitReplication(appends: AwaitedAppend[], timeoutMs: number): Promise<readonly AwaitedAppend[]> {
    if (appends.length === 0) return Promise.resolve(appends)
    return new Promise((resolve) => {
      const op = new DelayedProduce(timeoutMs, appends, resolve)
      this.producePurgatory.tryCompleteElseWatch(op, [...new Set(appends.map((a) => partitionKey(a.partition.topic, a.partition.index)))])
    })
  }

  /**
   * For a coordinator's write to partition `p` (offsets, group and transaction records, written
   * as with acks=all): resolves with NONE once everything appended to `p` so far is on the ISR,
   * else with the error (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS_AFTER_APPEND,
   * REQUEST_TIMED_OUT).
   */
  async awaitAppended(p: Partition, timeoutMs: number): Promise<number> {
    const [a] = await this.awaitReplication([{ partition: p, requiredOffset: p.log.logEndOffset }], timeoutMs)
    return a!.errorCode!
  }

  /** Partition logs held, and the most the log manager takes (its open-file budget). */
  get logCapacity(): { used: number; max: number } {
    return { used: this.#logManager.logCount, max: this.#logManager.maxLogs }
  }

  /** Applies a topic's changed config to its open logs. */
  updateLogConfig(topic: string, config: LogConfig): void {
    for (const p of this.partitions(topic)) p.log.updateConfig(config)
  }

  /**
   * Kafka's stopReplicas: stops hosting the partitions (waiting fetches answer at once) and,
   * for those marked `delete`, deletes their logs. Returns the partitions that were hosted.
   */
  async stopReplicas(partitions: ReadonlyArray<{ topic: string; partition: number; delete: boolean }>): Promise<Partition[]> {
    const stopped: Partition[] = []
    for (const s of partitions) {
      const hosted = this.#partitions.get(s.topic)
      const p = hosted?.[s.partition]
      if (p !== undefined) {
        delete hosted![s.partition]
        if (hosted!.every((x) => x === undefined)) this.#partitions.delete(s.topic)
        p.log.onWritten = undefined
        p.markStopped()
        stopped.push(p)
      }
    }
    // Waiting fetches and produces answer now (NOT_LEADER_OR_FOLLOWER or
    // UNKNOWN_TOPIC_OR_PARTITION), once every partition named is gone.
    for (const s of partitions) {
      this.fetchPurgatory.checkAndComplete(partitionKey(s.topic, s.partition))
      this.producePurgatory.checkAndComplete(partitionKey(s.topic, s.partition))
    }
    if (stopped.length > 0) this.#fetcher.removePartitions(stopped)
    for (const s of partitions) {
      if (s.delete) await this.#logManager.deleteLog(s.topic, s.partition)
    }
    return stopped
  }

  /** DeleteRecords: moves the log start offset up to `offset`; resolves once it is on disk. */
  async deleteRecords(partition: Partition, offset: bigint): Promise<bigint> {
    const low = await partition.log.deleteRecordsBefore(offset)
    this.fetchPurgatory.checkAndComplete(partitionKey(partition.topic, partition.index))
    return low
  }

  /**
   * Deletes the logs of partitions not hosted: their topic was deleted (or moved away) while
   * the broker was stopped. Called once the controller has named every partition this broker
   * hosts.
   */
  async deleteStrayLogs(): Promise<void> {
    for (const l of this.#logManager.allLogs()) {
      if (this.partition(l.topic, l.partition) === undefined) {
        this.#log.info({ topic: l.topic, partition: l.partition }, 'deleting a stray log')
        await this.#logManager.deleteLog(l.topic, l.partition)
      }
    }
  }

  /** Completes every waiting request (their connections are closing). */
  shutdown(): void {
    clearTimeout(this.#isrTimer)
    this.#isrChannel?.close()
    this.#fetcher.close()
    this.fetchPurgatory.close()
    this.producePurgatory.close()
  }
}
