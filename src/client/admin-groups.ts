/**
 * Consumer group administration: list, describe (members and their assignments), committed
 * offsets, altering them for an empty group, deleting groups. Requests go to each group's
 * coordinator; ListGroups goes to every broker, since each lists only the groups it coordinates.
 */
import type { Cluster } from './cluster.js'
import { KafkaResponseError, check } from './errors.js'
import { CONSUMER_PROTOCOL_TYPE, decodeAssignment, decodeSubscription, type Assignment } from './consumer-protocol.js'

export interface GroupListing {
  groupId: string
  protocolType: string
  state: string
  type: string
}

export interface GroupMember {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  /** Subscribed topics, for the consumer protocol. */
  topics: string[]
  /** Assigned partitions, for the consumer protocol. */
  assignment: Assignment
}

export interface GroupDescription {
  groupId: string
  state: string
  protocolType: string
  protocol: string
  members: GroupMember[]
  /** The coordinator's node id. */
  coordinator?: number
}

export interface CommittedOffset {
  topic: string
  partition: number
  /** -1 when nothing is committed. */
  offset: bigint
  metadata: string | null
}

export class GroupAdmin {
  readonly cluster: Cluster
  readonly #ownsCluster: boolean

  constructor(cluster: Cluster, ownsCluster = false) {
    this.cluster = cluster
    this.#ownsCluster = ownsCluster
  }

  async close(): Promise<void> {
    if (this.#ownsCluster) await this.cluster.close()
  }

  async listGroups(opts: { states?: string[] } = {}): Promise<GroupListing[]> {
    if (this.cluster.brokers.size === 0) await this.cluster.refreshMetadata([])
    const seen = new Map<string, GroupListing>()
    for (const id of this.cluster.brokers.keys()) {
      const conn = await this.cluster.connection(id)
      const res = await this.cluster.retry(() => conn.request('ListGroups', { statesFilter: opts.states ?? [], typesFilter: [] }))
      check(res.errorCode, { api: 'ListGroups', broker: String(id) })
      for (const g of res.groups) {
        seen.set(g.groupId, { groupId: g.groupId, protocolType: g.protocolType, state: g.groupState, type: g.groupType })
      }
    }
    return [...seen.values()].sort((a, b) => a.groupId.localeCompare(b.groupId))
  }

  async describeGroup(groupId: string): Promise<GroupDescription> {
    return this.cluster.retry(async () => {
      const conn = await this.cluster.coordinator(groupId)
      const res = await conn.request('DescribeGroups', { groups: [groupId], includeAuthorizedOperations: false })
      const g = res.groups[0]
      if (g === undefined) throw new KafkaResponseError(69, { group: groupId })
      check(g.errorCode, { group: groupId })
      const consumer = g.protocolType === CONSUMER_PROTOCOL_TYPE
      return {
        groupId: g.groupId,
        state: g.groupState,
        protocolType: g.protocolType,
        protocol: g.protocolData,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          topics: consumer && m.memberMetadata.length > 0 ? safe(() => decodeSubscription(m.memberMetadata).topics, []) : [],
          assignment: consumer && m.memberAssignment.length > 0 ? safe(() => decodeAssignment(m.memberAssignment), new Map()) : new Map(),
        })),
      }
    })
  }

  /** Committed offsets of a group: all its partitions, or those of the given topics. */
  async listGroupOffsets(groupId: string, topics?: readonly { topic: string; partitions: number[] }[]): Promise<CommittedOffset[]> {
    return this.cluster.retry(async () => {
      const conn = await this.cluster.coordinator(groupId)
      const wanted = topics === undefined ? null : topics.map((t) => ({ name: t.topic, partitionIndexes: t.partitions }))
      const res = await conn.request(
        'OffsetFetch',
        (v) => (v >= 8 ? { groups: [{ groupId, topics: wanted }], requireStable: false } : { groupId, topics: wanted, requireStable: false }),
        { minVersion: 1 },
      )
      let errorCode = res.errorCode
      let list = res.topics
      if (res.groups.length > 0) {
        const g = res.groups[0]!
        errorCode = g.errorCode
        list = g.topics
      }
      check(errorCode, { group: groupId, api: 'OffsetFetch' })
      const out: CommittedOffset[] = []
      for (const t of list) {
        for (const p of t.partitions) {
          check(p.errorCode, { group: groupId, topic: t.name, partition: p.partitionIndex })
          out.push({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, metadata: p.metadata })
        }
      }
      return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
    })
  }

  /**
   * Commits offsets for a group with no active members (generation -1, no member id), as
   * Kafka's tools do; a group with members answers UNKNOWN_MEMBER_ID or similar.
   */
  async alterGroupOffsets(groupId: string, offsets: readonly { topic: string; partition: number; offset: bigint }[]): Promise<void> {
    await this.cluster.retry(async () => {
      const conn = await this.cluster.coordinator(groupId)
      const topics = new Map<string, { partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string }[]>()
      for (const o of offsets) {
        let ps = topics.get(o.topic)
        if (ps === undefined) topics.set(o.topic, (ps = []))
        ps.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: '' })
      }
      const res = await conn.request('OffsetCommit', {
        groupId,
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1n,
        topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
      })
      for (const t of res.topics) for (const p of t.partitions) check(p.errorCode, { group: groupId, topic: t.name, partition: p.partitionIndex })
    })
  }

  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    for (const groupId of groupIds) {
      await this.cluster.retry(async () => {
        const conn = await this.cluster.coordinator(groupId)
        const res = await conn.request('DeleteGroups', { groupsNames: [groupId] })
        for (const r of res.results) check(r.errorCode, { group: r.groupId })
      })
    }
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn()
  } catch {
    return fallback
  }
}
