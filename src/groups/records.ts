/**
 * The records of the internal `__consumer_offsets` topic, in Kafka's key/value schemas: each key
 * and value starts with an int16 version. Classic records use Kafka's non-flexible versions
 * (OffsetCommitKey v1, OffsetCommitValue v3 - v1 when the commit carries an expiry -,
 * GroupMetadataKey v2, GroupMetadataValue v3); the
 * KIP-848 records use Kafka's key versions (3 group metadata, 5 member metadata, 8 current member
 * assignment) with flexible values laid out after Kafka's. A null value is a tombstone.
 * Target assignments are not stored: they are recomputed from the members on load.
 */
import { Reader } from '../protocol/reader.js'
import { Writer } from '../protocol/writer.js'
import { ProtocolError } from '../errors.js'

export const OFFSET_COMMIT_KEY_VERSION = 1
export const GROUP_METADATA_KEY_VERSION = 2
export const CONSUMER_GROUP_METADATA_KEY_VERSION = 3
export const CONSUMER_MEMBER_METADATA_KEY_VERSION = 5
export const CONSUMER_MEMBER_ASSIGNMENT_KEY_VERSION = 8

export interface OffsetValue {
  offset: bigint
  leaderEpoch: number
  metadata: string
  commitTimestamp: bigint
  /** Only from OffsetCommit v2-4 with a retention time; stored with value v1, which has no leader epoch. */
  expireTimestamp: bigint | null
}

export interface GroupMemberValue {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  rebalanceTimeoutMs: number
  sessionTimeoutMs: number
  subscription: Buffer
  assignment: Buffer
}

export interface GroupMetadataValue {
  protocolType: string
  generation: number
  protocol: string | null
  leader: string | null
  currentStateTimestamp: bigint
  members: GroupMemberValue[]
}

export interface ConsumerGroupMetadataValue {
  epoch: number
}

export interface ConsumerMemberMetadataValue {
  instanceId: string | null
  rackId: string | null
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  subscribedTopicRegex: string | null
  rebalanceTimeoutMs: number
  serverAssignor: string | null
}

/** Partitions by topic id. */
export type TopicIdPartitions = Map<string, number[]>

export interface ConsumerMemberAssignmentValue {
  memberEpoch: number
  previousMemberEpoch: number
  state: number
  assigned: TopicIdPartitions
  pendingRevocation: TopicIdPartitions
}

export type GroupRecord =
  | { type: 'offset', groupId: string, topic: string, partition: number, value: OffsetValue | null }
  | { type: 'group', groupId: string, value: GroupMetadataValue | null }
  | { type: 'consumer-group', groupId: string, value: ConsumerGroupMetadataValue | null }
  | { type: 'consumer-member', groupId: string, memberId: string, value: ConsumerMemberMetadataValue | null }
  | { type: 'consumer-assignment', groupId: string, memberId: string, value: ConsumerMemberAssignmentValue | null }

export interface EncodedRecord {
  key: Buffer
  value: Buffer | null
}

function writeTopicIdPartitions(w: Writer, m: TopicIdPartitions): void {
  w.arrayLength(m.size, true)
  for (const [topicId, partitions] of m) {
    w.uuid(topicId)
    w.arrayLength(partitions.length, true)
    for (const p of partitions) w.int32(p)
    w.noTaggedFields()
  }
}

function readTopicIdPartitions(r: Reader): TopicIdPartitions {
  const m: TopicIdPartitions = new Map()
  const n = r.arrayLength(true)
  for (let i = 0; i < n; i++) {
    const topicId = r.uuid()
    const count = r.arrayLength(true)
    const partitions: number[] = []
    for (let j = 0; j < count; j++) partitions.push(r.int32())
    r.taggedFields()
    m.set(topicId, partitions)
  }
  return m
}

function encodeKey(rec: GroupRecord): Buffer {
  const w = new Writer(64)
  switch (rec.type) {
    case 'offset':
      w.int16(OFFSET_COMMIT_KEY_VERSION).string(rec.groupId, false).string(rec.topic, false).int32(rec.partition)
      break
    case 'group':
      w.int16(GROUP_METADATA_KEY_VERSION).string(rec.groupId, false)
      break
    case 'consumer-group':
      w.int16(CONSUMER_GROUP_METADATA_KEY_VERSION).string(rec.groupId, false)
      break
    case 'consumer-member':
      w.int16(CONSUMER_MEMBER_METADATA_KEY_VERSION).string(rec.groupId, false).string(rec.memberId, false)
      break
    case 'consumer-assignment':
      w.int16(CONSUMER_MEMBER_ASSIGNMENT_KEY_VERSION).string(rec.groupId, false).string(rec.memberId, false)
      break
  }
  return w.toBuffer()
}

function encodeValue(rec: GroupRecord): Buffer | null {
  if (rec.value === null) return null
  const w = new Writer(128)
  switch (rec.type) {
    case 'offset': {
      const v = rec.value
      // An explicit expiry (OffsetCommit v2-4 retention time) needs value v1, as Kafka writes it.
      if (v.expireTimestamp !== null) w.int16(1).int64(v.offset).string(v.metadata, false).int64(v.commitTimestamp).int64(v.expireTimestamp)
      else w.int16(3).int64(v.offset).int32(v.leaderEpoch).string(v.metadata, false).int64(v.commitTimestamp)
      break
    }
    case 'group': {
      const v = rec.value
      w.int16(3).string(v.protocolType, false).int32(v.generation)
        .nullableString(v.protocol, false).nullableString(v.leader, false).int64(v.currentStateTimestamp)
      w.arrayLength(v.members.length, false)
      for (const m of v.members) {
        w.string(m.memberId, false).nullableString(m.groupInstanceId, false).string(m.clientId, false)
          .string(m.clientHost, false).int32(m.rebalanceTimeoutMs).int32(m.sessionTimeoutMs)
          .bytes(m.subscription, false).bytes(m.assignment, false)
      }
      break
    }
    case 'consumer-group':
      w.int16(0).int32(rec.value.epoch).noTaggedFields()
      break
    case 'consumer-member': {
      const v = rec.value
      w.int16(0).nullableString(v.instanceId, true).nullableString(v.rackId, true).string(v.clientId, true)
        .string(v.clientHost, true)
      w.arrayLength(v.subscribedTopicNames.length, true)
      for (const t of v.subscribedTopicNames) w.string(t, true)
      w.nullableString(v.subscribedTopicRegex, true).int32(v.rebalanceTimeoutMs).nullableString(v.serverAssignor, true)
      w.noTaggedFields()
      break
    }
    case 'consumer-assignment': {
      const v = rec.value
      w.int16(0).int32(v.memberEpoch).int32(v.previousMemberEpoch).int8(v.state)
      writeTopicIdPartitions(w, v.assigned)
      writeTopicIdPartitions(w, v.pendingRevocation)
      w.noTaggedFields()
      break
    }
  }
  return w.toBuffer()
}

export function encodeGroupRecord(rec: GroupRecord): EncodedRecord {
  return { key: encodeKey(rec), value: encodeValue(rec) }
}

function decodeOffsetValue(r: Reader): OffsetValue {
  const version = r.int16()
  if (version < 0 || version > 4) throw new ProtocolError(`unknown OffsetCommitValue version ${version}`)
  const offset = r.int64()
  const leaderEpoch = version >= 3 ? r.int32() : -1
  const flex = version >= 4
  const metadata = r.string(flex)
  const commitTimestamp = r.int64()
  const expireTimestamp = version === 1 ? r.int64() : null
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp: expireTimestamp === -1n ? null : expireTimestamp }
}

function decodeGroupValue(r: Reader): GroupMetadataValue {
  const version = r.int16()
  if (version < 0 || version > 3) throw new ProtocolError(`unknown GroupMetadataValue version ${version}`)
  const protocolType = r.string(false)
  const generation = r.int32()
  const protocol = r.nullableString(false)
  const leader = r.nullableString(false)
  const currentStateTimestamp = version >= 2 ? r.int64() : -1n
  const members: GroupMemberValue[] = []
  const n = r.arrayLength(false)
  for (let i = 0; i < n; i++) {
    const memberId = r.string(false)
    const groupInstanceId = version >= 3 ? r.nullableString(false) : null
    const clientId = r.string(false)
    const clientHost = r.string(false)
    const rebalanceTimeoutMs = version >= 1 ? r.int32() : -1
    const sessionTimeoutMs = r.int32()
    members.push({
      memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs: rebalanceTimeoutMs < 0 ? sessionTimeoutMs : rebalanceTimeoutMs,
      sessionTimeoutMs, subscription: r.bytes(false), assignment: r.bytes(false),
    })
  }
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members }
}

function decodeMemberValue(r: Reader): ConsumerMemberMetadataValue {
  r.int16()
  const instanceId = r.nullableString(true)
  const rackId = r.nullableString(true)
  const clientId = r.string(true)
  const clientHost = r.string(true)
  const names: string[] = []
  const n = r.arrayLength(true)
  for (let i = 0; i < n; i++) names.push(r.string(true))
  const subscribedTopicRegex = r.nullableString(true)
  const rebalanceTimeoutMs = r.int32()
  const serverAssignor = r.nullableString(true)
  r.taggedFields()
  return { instanceId, rackId, clientId, clientHost, subscribedTopicNames: names, subscribedTopicRegex, rebalanceTimeoutMs, serverAssignor }
}

function decodeAssignmentValue(r: Reader): ConsumerMemberAssignmentValue {
  r.int16()
  const memberEpoch = r.int32()
  const previousMemberEpoch = r.int32()
  const state = r.int8()
  const assigned = readTopicIdPartitions(r)
  const pendingRevocation = readTopicIdPartitions(r)
  r.taggedFields()
  return { memberEpoch, previousMemberEpoch, state, assigned, pendingRevocation }
}

/** Decodes one record of `__consumer_offsets`; returns null for key versions this broker does not use. */
export function decodeGroupRecord(key: Buffer, value: Buffer | null): GroupRecord | null {
  const k = new Reader(key)
  const version = k.int16()
  const v = value === null ? null : new Reader(value)
  switch (version) {
    case 0:
    case 1: {
      const groupId = k.string(false)
      const topic = k.string(false)
      const partition = k.int32()
      return { type: 'offset', groupId, topic, partition, value: v === null ? null : decodeOffsetValue(v) }
    }
    case 2:
      return { type: 'group', groupId: k.string(false), value: v === null ? null : decodeGroupValue(v) }
    case 3:
      return { type: 'consumer-group', groupId: k.string(false), value: v === null ? null : { epoch: (v.int16(), v.int32()) } }
    case 5: {
      const groupId = k.string(false)
      const memberId = k.string(false)
      return { type: 'consumer-member', groupId, memberId, value: v === null ? null : decodeMemberValue(v) }
    }
    case 8: {
      const groupId = k.string(false)
      const memberId = k.string(false)
      return { type: 'consumer-assignment', groupId, memberId, value: v === null ? null : decodeAssignmentValue(v) }
    }
    default:
      return null
  }
}

/** Kafka's partitioning of groups over `__consumer_offsets`: abs(String.hashCode) % n. */
export function javaStringHashCode(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0
  return h
}

export function partitionForGroup(groupId: string, partitions: number): number {
  // Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE maps to 0.
  const h = javaStringHashCode(groupId)
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions
}
