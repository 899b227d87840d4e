// generated from records/ConsumerGroupCurrentMemberAssignmentValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../../codec-support.js'

export const ConsumerGroupCurrentMemberAssignmentValueInfo = {
  name: 'ConsumerGroupCurrentMemberAssignmentValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupCurrentMemberAssignmentValue {
  /** The current member epoch that is expected from the member in the heartbeat request. */
  memberEpoch: number
  /** If the last epoch bump is lost before reaching the member, the member will retry with the previous epoch. */
  previousMemberEpoch: number
  /** The member state. See MemberState for the possible values. */
  state: number
  /** The partitions assigned to (or owned by) this member. */
  assignedPartitions: TopicPartitions[]
  /** The partitions that must be revoked by this member. */
  partitionsPendingRevocation: TopicPartitions[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicPartitions {
  /** The topic Id. */
  topicId: string
  /** The partition Ids. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupCurrentMemberAssignmentValue(r: Reader, v: number): ConsumerGroupCurrentMemberAssignmentValue {
  const flex = v >= 0
  const o: ConsumerGroupCurrentMemberAssignmentValue = {
    memberEpoch: r.int32(),
    previousMemberEpoch: r.int32(),
    state: r.int8(),
    assignedPartitions: readArray(r, flex, false, (r) => readTopicPartitions(r, v)),
    partitionsPendingRevocation: readArray(r, flex, false, (r) => readTopicPartitions(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupCurrentMemberAssignmentValue(w: Writer, v: number, m: Input<ConsumerGroupCurrentMemberAssignmentValue>): void {
  const flex = v >= 0
  w.int32((m.memberEpoch ?? 0))
  w.int32((m.previousMemberEpoch ?? 0))
  w.int8((m.state ?? 0))
  writeArray(w, flex, false, m.assignedPartitions, (w, e) => writeTopicPartitions(w, v, e))
  writeArray(w, flex, false, m.partitionsPendingRevocation, (w, e) => writeTopicPartitions(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicPartitions(): TopicPartitions {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readTopicPartitions(r: Reader, v: number): TopicPartitions {
  const flex = v >= 0
  const o: TopicPartitions = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicPartitions(w: Writer, v: number, m: Input<TopicPartitions>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
