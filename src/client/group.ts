/**
 * Membership of a classic consumer group: FindCoordinator, JoinGroup with the "consumer" protocol
 * type and the range assignor (the leader computes every member's assignment), SyncGroup, a
 * Heartbeat loop, OffsetCommit with the current generation, and LeaveGroup on close.
 */
import type { Cluster } from './cluster.js'
import { check, isKafkaError, KafkaResponseError } from './errors.js'
import {
  CONSUMER_PROTOCOL_TYPE,
  RANGE_ASSIGNOR,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  rangeAssign,
  type Assignment,
} from './consumer-protocol.js'

export interface GroupOptions {
  /** Default 45 s, Kafka's default. */
  sessionTimeoutMs?: number
  /** Default 60 s. */
  rebalanceTimeoutMs?: number
  /** Default 3 s. */
  heartbeatIntervalMs?: number
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export class GroupMembership {
  readonly groupId: string
  readonly topics: string[]
  memberId = ''
  generationId = -1
  isLeader = false
  assignment: Assignment = new Map()
  /** Set by a heartbeat or commit that learned the group is rebalancing. */
  needsRejoin = true
  readonly #cluster: Cluster
  readonly #opts: Required<GroupOptions>
  #heartbeat: NodeJS.Timeout | undefined
  #joining = false
  #stopped = false

  constructor(cluster: Cluster, groupId: string, topics: readonly string[], opts: GroupOptions = {}) {
    this.#cluster = cluster
    this.groupId = groupId
    this.topics = [...topics]
    this.#opts = {
      sessionTimeoutMs: opts.sessionTimeoutMs ?? 45_000,
      rebalanceTimeoutMs: opts.rebalanceTimeoutMs ?? 60_000,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 3_000,
    }
  }

  /** Joins (or rejoins) and returns this member's assignment. */
  async join(): Promise<Assignment> {
    this.#joining = true
    try {
      for (let attempt = 0; ; attempt++) {
        if (this.#stopped) return new Map()
        try {
          const assignment = await this.#joinOnce()
          this.assignment = assignment
          this.needsRejoin = false
          this.#startHeartbeat()
          return assignment
        } catch (err) {
          if (attempt >= 20 || !this.#rejoinable(err)) throw err
          await sleep(Math.min(100 * 2 ** attempt, 1000))
        }
      }
    } finally {
      this.#joining = false
    }
  }

  /** Commits offsets (the next offset to read) under the current generation. */
  async commit(offsets: readonly { topic: string; partition: number; offset: bigint }[]): Promise<void> {
    if (offsets.length === 0) return
    const topics = new Map<string, { partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string }[]>()
    for (const o of offsets) {
      let ps = topics.get(o.topic)
      if (ps === undefined) topics.set(o.topic, (ps = []))
      ps.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: '' })
    }
    await this.#cluster.retry(async () => {
      const conn = await this.#cluster.coordinator(this.groupId)
      const res = await conn.request('OffsetCommit', {
        groupId: this.groupId,
        generationIdOrMemberEpoch: this.generationId,
        memberId: this.memberId,
        groupInstanceId: null,
        retentionTimeMs: -1n,
        topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
      })
      for (const t of res.topics) {
        for (const p of t.partitions) {
          if (isRebalanceSignal(p.errorCode)) this.needsRejoin = true
          check(p.errorCode, { group: this.groupId, topic: t.name, partition: p.partitionIndex })
        }
      }
    })
  }

  /** Stops heartbeats and leaves the group so the others rebalance at once. */
  async leave(): Promise<void> {
    this.#stopped = true
    this.#stopHeartbeat()
    if (this.memberId === '') return
    try {
      const conn = await this.#cluster.coordinator(this.groupId)
      await conn.request(
        'LeaveGroup',
        {
          groupId: this.groupId,
          memberId: this.memberId,
          members: [{ memberId: this.memberId, groupInstanceId: null, reason: 'the consumer is closing' }],
        },
        { timeoutMs: 5_000 },
      )
    } catch {
      // The session timeout removes us anyway.
    }
    this.memberId = ''
    this.generationId = -1
  }

  async #joinOnce(): Promise<Assignment> {
    this.#stopHeartbeat()
    const conn = await this.#cluster.coordinator(this.groupId)
    const join = await conn.request(
      'JoinGroup',
      {
        groupId: this.groupId,
        sessionTimeoutMs: this.#opts.sessionTimeoutMs,
        rebalanceTimeoutMs: this.#opts.rebalanceTimeoutMs,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocols: [{ name: RANGE_ASSIGNOR, metadata: encodeSubscription({ topics: this.topics }) }],
        reason: null,
      },
      { timeoutMs: this.#opts.rebalanceTimeoutMs + 5_000 },
    )
    if (join.errorCode === 79 /* MEMBER_ID_REQUIRED */) {
      this.memberId = join.memberId
      throw new KafkaResponseError(join.errorCode, { group: this.groupId })
    }
    if (join.errorCode === 25 /* UNKNOWN_MEMBER_ID */) this.memberId = ''
    check(join.errorCode, { group: this.groupId, api: 'JoinGroup' })
    this.memberId = join.memberId
    this.generationId = join.generationId
    this.isLeader = join.leader === join.memberId
    const assignments = this.isLeader && !join.skipAssignment ? await this.#assign(join.members) : []
    const sync = await conn.request(
      'SyncGroup',
      {
        groupId: this.groupId,
        generationId: this.generationId,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocolName: join.protocolName ?? RANGE_ASSIGNOR,
        assignments,
      },
      { timeoutMs: this.#opts.rebalanceTimeoutMs + 5_000 },
    )
    if (sync.errorCode === 25) this.memberId = ''
    check(sync.errorCode, { group: this.groupId, api: 'SyncGroup' })
    return decodeAssignment(sync.assignment)
  }

  async #assign(members: readonly { memberId: string; metadata: Buffer }[]): Promise<{ memberId: string; assignment: Buffer }[]> {
    const subscriptions = new Map<string, string[]>()
    for (const m of members) subscriptions.set(m.memberId, decodeSubscription(m.metadata).topics)
    const allTopics = [...new Set([...subscriptions.values()].flat())]
    const meta = await this.#cluster.refreshMetadata(allTopics)
    const counts = new Map<string, number>()
    for (const [name, t] of meta) if (t.errorCode === 0) counts.set(name, t.info.partitions.length)
    return [...rangeAssign(subscriptions, counts)].map(([memberId, a]) => ({ memberId, assignment: encodeAssignment(a) }))
  }

  #rejoinable(err: unknown): boolean {
    if (!(err instanceof KafkaResponseError)) return err instanceof Error && 'code' in err && err.code === 'SAMSA_CLIENT_DISCONNECTED'
    if (isKafkaError(err, 'NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE')) this.#cluster.forgetCoordinator(this.groupId)
    return isKafkaError(
      err,
      'MEMBER_ID_REQUIRED',
      'UNKNOWN_MEMBER_ID',
      'ILLEGAL_GENERATION',
      'REBALANCE_IN_PROGRESS',
      'NOT_COORDINATOR',
      'COORDINATOR_NOT_AVAILABLE',
      'COORDINATOR_LOAD_IN_PROGRESS',
    )
  }

  #startHeartbeat(): void {
    this.#stopHeartbeat()
    const beat = async (): Promise<void> => {
      if (this.#stopped || this.#joining) return
      try {
        const conn = await this.#cluster.coordinator(this.groupId)
        const res = await conn.request('Heartbeat', {
          groupId: this.groupId,
          generationId: this.generationId,
          memberId: this.memberId,
          groupInstanceId: null,
        })
        if (isRebalanceSignal(res.errorCode)) this.needsRejoin = true
        if (res.errorCode === 25) this.memberId = ''
        if (res.errorCode === 16 || res.errorCode === 15) this.#cluster.forgetCoordinator(this.groupId)
      } catch {
        // A missed heartbeat is retried on the next tick; the session timeout is much longer.
      }
      if (!this.#stopped && !this.needsRejoin) this.#heartbeat = setTimeout(() => void beat(), this.#opts.heartbeatIntervalMs)
    }
    this.#heartbeat = setTimeout(() => void beat(), this.#opts.heartbeatIntervalMs)
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== undefined) clearTimeout(this.#heartbeat)
    this.#heartbeat = undefined
  }
}

/** REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID: join again. */
function isRebalanceSignal(code: number): boolean {
  return code === 27 || code === 25 || code === 22 || code === 82
}
