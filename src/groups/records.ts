/**
 * The records of the internal `__consumer_offsets` topic, through the codecs generated from
 * Kafka's own schemas (src/protocol/generated/records): each key and value starts with an int16
 * version, and a key's version says which record it is. Classic records use Kafka's non-flexible
 * versions (OffsetCommitKey v1, OffsetCommitValue v3 - v1 when the commit carries an expiry -,
 * GroupMetadataKey v2, GroupMetadataValue v3); the KIP-848 records use Kafka's key versions
 * (3 group metadata, 5 member metadata, 8 current member assignment) with value v0. A null value
 * is a tombstone. Target assignments are not stored: they are recomputed from the members on load.
 * This module maps those schemas to the shapes the group coordinator works with.
 */
import { readVersioned, recordVersion, writeVersioned } from '../protocol/versioned-record.js'
import { OffsetCommitKeyInfo, decodeOffsetCommitKey, encodeOffsetCommitKey } from '../protocol/generated/records/offset-commit-key.js'
import { OffsetCommitValueInfo, decodeOffsetCommitValue, encodeOffsetCommitValue } from '../protocol/generated/records/offset-commit-value.js'
import { GroupMetadataKeyInfo, decodeGroupMetadataKey, encodeGroupMetadataKey } from '../protocol/generated/records/group-metadata-key.js'
import { GroupMetadataValueInfo, decodeGroupMetadataValue, encodeGroupMetadataValue } from '../protocol/generated/records/group-metadata-value.js'
import {
  ConsumerGroupMetadataKeyInfo,
  decodeConsumerGroupMetadataKey,
  encodeConsumerGroupMetadataKey,
} from '../protocol/generated/records/consumer-group-metadata-key.js'
import {
  ConsumerGroupMetadataValueInfo,
  decodeConsumerGroupMetadataValue,
  encodeConsumerGroupMetadataValue,
} from '../protocol/generated/records/consumer-group-metadata-value.js'
import {
  ConsumerGroupMemberMetadataKeyInfo,
  decodeConsumerGroupMemberMetadataKey,
  encodeConsumerGroupMemberMetadataKey,
} from '../protocol/generated/records/consumer-group-member-metadata-key.js'
import {
  ConsumerGroupMemberMetadataValueInfo,
  decodeConsumerGroupMemberMetadataValue,
  encodeConsumerGroupMemberMetadataValue,
} from '../protocol/generated/records/consumer-group-member-metadata-value.js'
import {
  ConsumerGroupCurrentMemberAssignmentKeyInfo,
  decodeConsumerGroupCurrentMemberAssignmentKey,
  encodeConsumerGroupCurrentMemberAssignmentKey,
} from '../protocol/generated/records/consumer-group-current-member-assignment-key.js'
import {
  ConsumerGroupCurrentMemberAssignmentValueInfo,
  decodeConsumerGroupCurrentMemberAssignmentValue,
  encodeConsumerGroupCurrentMemberAssignmentValue,
  type TopicPartitions,
} from '../protocol/generated/records/consumer-group-current-member-assignment-value.js'

const OFFSET_COMMIT_KEY_VERSION = OffsetCommitKeyInfo.maxVersion
const GROUP_METADATA_KEY_VERSION = GroupMetadataKeyInfo.maxVersion
const CONSUMER_GROUP_METADATA_KEY_VERSION = ConsumerGroupMetadataKeyInfo.maxVersion
const CONSUMER_MEMBER_METADATA_KEY_VERSION = ConsumerGroupMemberMetadataKeyInfo.maxVersion
const CONSUMER_MEMBER_ASSIGNMENT_KEY_VERSION = ConsumerGroupCurrentMemberAssignmentKeyInfo.maxVersion

/** The value versions written: Kafka's last non-flexible ones for classic records, as Kafka writes them. */
const OFFSET_VALUE_VERSION = 3
const OFFSET_VALUE_VERSION_WITH_EXPIRY = 1
const GROUP_VALUE_VERSION = 3
const CONSUMER_VALUE_VERSION = 0

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
  | { type: 'offset'; groupId: string; topic: string; partition: number; value: OffsetValue | null }
  | { type: 'group'; groupId: string; value: GroupMetadataValue | null }
  | { type: 'consumer-group'; groupId: string; value: ConsumerGroupMetadataValue | null }
  | { type: 'consumer-member'; groupId: string; memberId: string; value: ConsumerMemberMetadataValue | null }
  | { type: 'consumer-assignment'; groupId: string; memberId: string; value: ConsumerMemberAssignmentValue | null }

export interface EncodedRecord {
  key: Buffer
  value: Buffer | null
}

function toTopicPartitions(m: TopicIdPartitions): Array<Pick<TopicPartitions, 'topicId' | 'partitions'>> {
  return [...m].map(([topicId, partitions]) => ({ topicId, partitions }))
}

function fromTopicPartitions(list: readonly TopicPartitions[]): TopicIdPartitions {
  return new Map(list.map((t) => [t.topicId, t.partitions]))
}

function encodeKey(rec: GroupRecord): Buffer {
  switch (rec.type) {
    case 'offset':
      return writeVersioned(encodeOffsetCommitKey, OFFSET_COMMIT_KEY_VERSION, { group: rec.groupId, topic: rec.topic, partition: rec.partition })
    case 'group':
      return writeVersioned(encodeGroupMetadataKey, GROUP_METADATA_KEY_VERSION, { group: rec.groupId })
    case 'consumer-group':
      return writeVersioned(encodeConsumerGroupMetadataKey, CONSUMER_GROUP_METADATA_KEY_VERSION, { groupId: rec.groupId })
    case 'consumer-member':
      return writeVersioned(encodeConsumerGroupMemberMetadataKey, CONSUMER_MEMBER_METADATA_KEY_VERSION, { groupId: rec.groupId, memberId: rec.memberId })
    case 'consumer-assignment':
      return writeVersioned(encodeConsumerGroupCurrentMemberAssignmentKey, CONSUMER_MEMBER_ASSIGNMENT_KEY_VERSION, {
        groupId: rec.groupId,
        memberId: rec.memberId,
      })
  }
}

function encodeValue(rec: GroupRecord): Buffer | null {
  if (rec.value === null) return null
  switch (rec.type) {
    case 'offset': {
      const v = rec.value
      // An explicit expiry (OffsetCommit v2-4 retention time) needs value v1, as Kafka writes it.
      const version = v.expireTimestamp !== null ? OFFSET_VALUE_VERSION_WITH_EXPIRY : OFFSET_VALUE_VERSION
      return writeVersioned(encodeOffsetCommitValue, version, {
        offset: v.offset,
        leaderEpoch: v.leaderEpoch,
        metadata: v.metadata,
        commitTimestamp: v.commitTimestamp,
        expireTimestamp: v.expireTimestamp ?? -1n,
      })
    }
    case 'group': {
      const v = rec.value
      return writeVersioned(encodeGroupMetadataValue, GROUP_VALUE_VERSION, {
        protocolType: v.protocolType,
        generation: v.generation,
        protocol: v.protocol,
        leader: v.leader,
        currentStateTimestamp: v.currentStateTimestamp,
        members: v.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          rebalanceTimeout: m.rebalanceTimeoutMs,
          sessionTimeout: m.sessionTimeoutMs,
          subscription: m.subscription,
          assignment: m.assignment,
        })),
      })
    }
    case 'consumer-group':
      return writeVersioned(encodeConsumerGroupMetadataValue, CONSUMER_VALUE_VERSION, { epoch: rec.value.epoch })
    case 'consumer-member': {
      const v = rec.value
      return writeVersioned(encodeConsumerGroupMemberMetadataValue, CONSUMER_VALUE_VERSION, {
        instanceId: v.instanceId,
        rackId: v.rackId,
        clientId: v.clientId,
        clientHost: v.clientHost,
        subscribedTopicNames: v.subscribedTopicNames,
        subscribedTopicRegex: v.subscribedTopicRegex,
        rebalanceTimeoutMs: v.rebalanceTimeoutMs,
        serverAssignor: v.serverAssignor,
        classicMemberMetadata: null,
      })
    }
    case 'consumer-assignment': {
      const v = rec.value
      return writeVersioned(encodeConsumerGroupCurrentMemberAssignmentValue, CONSUMER_VALUE_VERSION, {
        memberEpoch: v.memberEpoch,
        previousMemberEpoch: v.previousMemberEpoch,
        state: v.state,
        assignedPartitions: toTopicPartitions(v.assigned),
        partitionsPendingRevocation: toTopicPartitions(v.pendingRevocation),
      })
    }
  }
}

export function encodeGroupRecord(rec: GroupRecord): EncodedRecord {
  return { key: encodeKey(rec), value: encodeValue(rec) }
}

function decodeOffsetValue(buf: Buffer): OffsetValue {
  const v = readVersioned(buf, decodeOffsetCommitValue, OffsetCommitValueInfo)
  return {
    offset: v.offset,
    leaderEpoch: v.leaderEpoch,
    metadata: v.metadata,
    commitTimestamp: v.commitTimestamp,
    expireTimestamp: v.expireTimestamp === -1n ? null : v.expireTimestamp,
  }
}

function decodeGroupValue(buf: Buffer): GroupMetadataValue {
  const v = readVersioned(buf, decodeGroupMetadataValue, GroupMetadataValueInfo)
  return {
    protocolType: v.protocolType,
    generation: v.generation,
    protocol: v.protocol,
    leader: v.leader,
    currentStateTimestamp: v.currentStateTimestamp,
    members: v.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      // Value v0 has no rebalance timeout: Kafka then uses the session timeout.
      rebalanceTimeoutMs: m.rebalanceTimeout < 0 ? m.sessionTimeout : m.rebalanceTimeout,
      sessionTimeoutMs: m.sessionTimeout,
      subscription: m.subscription,
      assignment: m.assignment,
    })),
  }
}

function decodeMemberValue(buf: Buffer): ConsumerMemberMetadataValue {
  const v = readVersioned(buf, decodeConsumerGroupMemberMetadataValue, ConsumerGroupMemberMetadataValueInfo)
  return {
    instanceId: v.instanceId,
    rackId: v.rackId,
    clientId: v.clientId,
    clientHost: v.clientHost,
    subscribedTopicNames: v.subscribedTopicNames,
    subscribedTopicRegex: v.subscribedTopicRegex,
    rebalanceTimeoutMs: v.rebalanceTimeoutMs,
    serverAssignor: v.serverAssignor,
  }
}

function decodeAssignmentValue(buf: Buffer): ConsumerMemberAssignmentValue {
  const v = readVersioned(buf, decodeConsumerGroupCurrentMemberAssignmentValue, ConsumerGroupCurrentMemberAssignmentValueInfo)
  return {
    memberEpoch: v.memberEpoch,
    previousMemberEpoch: v.previousMemberEpoch,
    state: v.state,
    assigned: fromTopicPartitions(v.assignedPartitions),
    pendingRevocation: fromTopicPartitions(v.partitionsPendingRevocation),
  }
}

/** Decodes one record of `__consumer_offsets`; returns null for key versions this broker does not use. */
export function decodeGroupRecord(key: Buffer, value: Buffer | null): GroupRecord | null {
  const version = recordVersion(key)
  switch (version) {
    case 0:
    case 1: {
      const k = readVersioned(key, decodeOffsetCommitKey, OffsetCommitKeyInfo)
      return { type: 'offset', groupId: k.group, topic: k.topic, partition: k.partition, value: value === null ? null : decodeOffsetValue(value) }
    }
    case GROUP_METADATA_KEY_VERSION: {
      const k = readVersioned(key, decodeGroupMetadataKey, GroupMetadataKeyInfo)
      return { type: 'group', groupId: k.group, value: value === null ? null : decodeGroupValue(value) }
    }
    case CONSUMER_GROUP_METADATA_KEY_VERSION: {
      const k = readVersioned(key, decodeConsumerGroupMetadataKey, ConsumerGroupMetadataKeyInfo)
      const v = value === null ? null : readVersioned(value, decodeConsumerGroupMetadataValue, ConsumerGroupMetadataValueInfo)
      return { type: 'consumer-group', groupId: k.groupId, value: v === null ? null : { epoch: v.epoch } }
    }
    case CONSUMER_MEMBER_METADATA_KEY_VERSION: {
      const k = readVersioned(key, decodeConsumerGroupMemberMetadataKey, ConsumerGroupMemberMetadataKeyInfo)
      return { type: 'consumer-member', groupId: k.groupId, memberId: k.memberId, value: value === null ? null : decodeMemberValue(value) }
    }
    case CONSUMER_MEMBER_ASSIGNMENT_KEY_VERSION: {
      const k = readVersioned(key, decodeConsumerGroupCurrentMemberAssignmentKey, ConsumerGroupCurrentMemberAssignmentKeyInfo)
      return { type: 'consumer-assignment', groupId: k.groupId, memberId: k.memberId, value: value === null ? null : decodeAssignmentValue(value) }
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
