// generated from ConsumerGroupDescribeResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ConsumerGroupDescribeResponseInfo = {
  name: 'ConsumerGroupDescribeResponse',
  apiKey: 69,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupDescribeResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each described group. */
  groups: DescribedGroup[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicPartitions {
  /** The topic ID. */
  topicId: string
  /** The topic name. */
  topicName: string
  /** The partitions. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Assignment {
  /** The assigned topic-partitions to the member. */
  topicPartitions: TopicPartitions[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null
  /** The group ID string. */
  groupId: string
  /** The group state string, or the empty string. */
  groupState: string
  /** The group epoch. */
  groupEpoch: number
  /** The assignment epoch. */
  assignmentEpoch: number
  /** The selected assignor. */
  assignorName: string
  /** The members. */
  members: Member[]
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Member {
  /** The member ID. */
  memberId: string
  /** The member instance ID. */
  instanceId: string | null
  /** The member rack ID. */
  rackId: string | null
  /** The current member epoch. */
  memberEpoch: number
  /** The client ID. */
  clientId: string
  /** The client host. */
  clientHost: string
  /** The subscribed topic names. */
  subscribedTopicNames: string[]
  /** the subscribed topic regex otherwise or null of not provided. */
  subscribedTopicRegex: string | null
  /** The current assignment. */
  assignment: Assignment
  /** The target assignment. */
  targetAssignment: Assignment
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupDescribeResponse(r: Reader, v: number): ConsumerGroupDescribeResponse {
  const flex = v >= 0
  const o: ConsumerGroupDescribeResponse = {
    throttleTimeMs: r.int32(),
    groups: readArray(r, flex, false, (r) => readDescribedGroup(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupDescribeResponse(w: Writer, v: number, m: Input<ConsumerGroupDescribeResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.groups, (w, e) => writeDescribedGroup(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicPartitions(): TopicPartitions {
  return {
    topicId: ZERO_UUID,
    topicName: "",
    partitions: [],
  }
}

function readTopicPartitions(r: Reader, v: number): TopicPartitions {
  const flex = v >= 0
  const o: TopicPartitions = {
    topicId: r.uuid(),
    topicName: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicPartitions(w: Writer, v: number, m: Input<TopicPartitions>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  w.string(m.topicName ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAssignment(): Assignment {
  return {
    topicPartitions: [],
  }
}

function readAssignment(r: Reader, v: number): Assignment {
  const flex = v >= 0
  const o: Assignment = {
    topicPartitions: readArray(r, flex, false, (r) => readTopicPartitions(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAssignment(w: Writer, v: number, m: Input<Assignment>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.topicPartitions, (w, e) => writeTopicPartitions(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribedGroup(): DescribedGroup {
  return {
    errorCode: 0,
    errorMessage: null,
    groupId: "",
    groupState: "",
    groupEpoch: 0,
    assignmentEpoch: 0,
    assignorName: "",
    members: [],
    authorizedOperations: -2147483648,
  }
}

function readDescribedGroup(r: Reader, v: number): DescribedGroup {
  const flex = v >= 0
  const o: DescribedGroup = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    groupId: r.string(flex),
    groupState: r.string(flex),
    groupEpoch: r.int32(),
    assignmentEpoch: r.int32(),
    assignorName: r.string(flex),
    members: readArray(r, flex, false, (r) => readMember(r, v)),
    authorizedOperations: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribedGroup(w: Writer, v: number, m: Input<DescribedGroup>): void {
  const flex = v >= 0
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  w.string(m.groupId ?? '', flex)
  w.string(m.groupState ?? '', flex)
  w.int32((m.groupEpoch ?? 0))
  w.int32((m.assignmentEpoch ?? 0))
  w.string(m.assignorName ?? '', flex)
  writeArray(w, flex, false, m.members, (w, e) => writeMember(w, v, e))
  w.int32((m.authorizedOperations ?? -2147483648))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMember(): Member {
  return {
    memberId: "",
    instanceId: null,
    rackId: null,
    memberEpoch: 0,
    clientId: "",
    clientHost: "",
    subscribedTopicNames: [],
    subscribedTopicRegex: null,
    assignment: defaultAssignment(),
    targetAssignment: defaultAssignment(),
  }
}

function readMember(r: Reader, v: number): Member {
  const flex = v >= 0
  const o: Member = {
    memberId: r.string(flex),
    instanceId: r.nullableString(flex),
    rackId: r.nullableString(flex),
    memberEpoch: r.int32(),
    clientId: r.string(flex),
    clientHost: r.string(flex),
    subscribedTopicNames: readArray(r, flex, false, (r) => r.string(flex)),
    subscribedTopicRegex: r.nullableString(flex),
    assignment: readAssignment(r, v),
    targetAssignment: readAssignment(r, v),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMember(w: Writer, v: number, m: Input<Member>): void {
  const flex = v >= 0
  w.string(m.memberId ?? '', flex)
  w.nullableString(m.instanceId, flex)
  w.nullableString(m.rackId, flex)
  w.int32((m.memberEpoch ?? 0))
  w.string(m.clientId ?? '', flex)
  w.string(m.clientHost ?? '', flex)
  writeArray(w, flex, false, m.subscribedTopicNames, (w, e) => w.string(e ?? '', flex))
  w.nullableString(m.subscribedTopicRegex, flex)
  writeAssignment(w, v, m.assignment ?? {})
  writeAssignment(w, v, m.targetAssignment ?? {})
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
