// generated from DescribeTopicPartitionsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const DescribeTopicPartitionsResponseInfo = {
  name: 'DescribeTopicPartitionsResponse',
  apiKey: 75,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeTopicPartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each topic in the response. */
  topics: DescribeTopicPartitionsResponseTopic[]
  /** The next topic and partition index to fetch details for. */
  nextCursor: Cursor | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeTopicPartitionsResponseTopic {
  /** The topic error, or 0 if there was no error. */
  errorCode: number
  /** The topic name. */
  name: string | null
  /** The topic id. */
  topicId: string
  /** True if the topic is internal. */
  isInternal: boolean
  /** Each partition in the topic. */
  partitions: DescribeTopicPartitionsResponsePartition[]
  /** 32-bit bitfield to represent authorized operations for this topic. */
  topicAuthorizedOperations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeTopicPartitionsResponsePartition {
  /** The partition error, or 0 if there was no error. */
  errorCode: number
  /** The partition index. */
  partitionIndex: number
  /** The ID of the leader broker. */
  leaderId: number
  /** The leader epoch of this partition. */
  leaderEpoch: number
  /** The set of all nodes that host this partition. */
  replicaNodes: number[]
  /** The set of nodes that are in sync with the leader for this partition. */
  isrNodes: number[]
  /** The new eligible leader replicas otherwise. */
  eligibleLeaderReplicas: number[] | null
  /** The last known ELR. */
  lastKnownElr: number[] | null
  /** The set of offline replicas of this partition. */
  offlineReplicas: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Cursor {
  /** The name for the first topic to process */
  topicName: string
  /** The partition index to start with */
  partitionIndex: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeTopicPartitionsResponse(r: Reader, v: number): DescribeTopicPartitionsResponse {
  const flex = v >= 0
  const o: DescribeTopicPartitionsResponse = {
    throttleTimeMs: r.int32(),
    topics: readArray(r, flex, false, (r) => readDescribeTopicPartitionsResponseTopic(r, v)),
    nextCursor: (r.int8() < 0 ? null : readCursor(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeTopicPartitionsResponse(w: Writer, v: number, m: Input<DescribeTopicPartitionsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeDescribeTopicPartitionsResponseTopic(w, v, e))
  if (m.nextCursor == null) w.int8(-1); else { w.int8(1); writeCursor(w, v, m.nextCursor) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeTopicPartitionsResponseTopic(): DescribeTopicPartitionsResponseTopic {
  return {
    errorCode: 0,
    name: "",
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: -2147483648,
  }
}

function readDescribeTopicPartitionsResponseTopic(r: Reader, v: number): DescribeTopicPartitionsResponseTopic {
  const flex = v >= 0
  const o: DescribeTopicPartitionsResponseTopic = {
    errorCode: r.int16(),
    name: r.nullableString(flex),
    topicId: r.uuid(),
    isInternal: r.bool(),
    partitions: readArray(r, flex, false, (r) => readDescribeTopicPartitionsResponsePartition(r, v)),
    topicAuthorizedOperations: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeTopicPartitionsResponseTopic(w: Writer, v: number, m: Input<DescribeTopicPartitionsResponseTopic>): void {
  const flex = v >= 0
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.name, flex)
  w.uuid((m.topicId ?? ZERO_UUID))
  w.bool((m.isInternal ?? false))
  writeArray(w, flex, false, m.partitions, (w, e) => writeDescribeTopicPartitionsResponsePartition(w, v, e))
  w.int32((m.topicAuthorizedOperations ?? -2147483648))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeTopicPartitionsResponsePartition(): DescribeTopicPartitionsResponsePartition {
  return {
    errorCode: 0,
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: -1,
    replicaNodes: [],
    isrNodes: [],
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
    offlineReplicas: [],
  }
}

function readDescribeTopicPartitionsResponsePartition(r: Reader, v: number): DescribeTopicPartitionsResponsePartition {
  const flex = v >= 0
  const o: DescribeTopicPartitionsResponsePartition = {
    errorCode: r.int16(),
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    replicaNodes: readArray(r, flex, false, (r) => r.int32()),
    isrNodes: readArray(r, flex, false, (r) => r.int32()),
    eligibleLeaderReplicas: readArray(r, flex, true, (r) => r.int32()),
    lastKnownElr: readArray(r, flex, true, (r) => r.int32()),
    offlineReplicas: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeTopicPartitionsResponsePartition(w: Writer, v: number, m: Input<DescribeTopicPartitionsResponsePartition>): void {
  const flex = v >= 0
  w.int16((m.errorCode ?? 0))
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? -1))
  writeArray(w, flex, false, m.replicaNodes, (w, e) => w.int32(e))
  writeArray(w, flex, false, m.isrNodes, (w, e) => w.int32(e))
  writeArray(w, flex, true, m.eligibleLeaderReplicas, (w, e) => w.int32(e))
  writeArray(w, flex, true, m.lastKnownElr, (w, e) => w.int32(e))
  writeArray(w, flex, false, m.offlineReplicas, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCursor(): Cursor {
  return {
    topicName: "",
    partitionIndex: 0,
  }
}

function readCursor(r: Reader, v: number): Cursor {
  const flex = v >= 0
  const o: Cursor = {
    topicName: r.string(flex),
    partitionIndex: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCursor(w: Writer, v: number, m: Input<Cursor>): void {
  const flex = v >= 0
  w.string(m.topicName ?? '', flex)
  w.int32((m.partitionIndex ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
