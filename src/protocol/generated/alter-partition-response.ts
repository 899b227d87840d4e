// generated from AlterPartitionResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const AlterPartitionResponseInfo = {
  name: 'AlterPartitionResponse',
  apiKey: 56,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AlterPartitionResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top level response error code */
  errorCode: number
  topics: TopicData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  /** The name of the topic */
  topicName: string
  /** The ID of the topic */
  topicId: string
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index */
  partitionIndex: number
  /** The partition level error code */
  errorCode: number
  /** The broker ID of the leader. */
  leaderId: number
  /** The leader epoch. */
  leaderEpoch: number
  /** The in-sync replica IDs. */
  isr: number[]
  /** 1 if the partition is recovering from an unclean leader election; 0 otherwise. */
  leaderRecoveryState: number
  /** The current epoch for the partition for KRaft controllers. The current ZK version for the legacy controllers. */
  partitionEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterPartitionResponse(r: Reader, v: number): AlterPartitionResponse {
  const flex = v >= 0
  const o: AlterPartitionResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterPartitionResponse(w: Writer, v: number, m: Input<AlterPartitionResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topicName: "",
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 0
  const o: TopicData = {
    topicName: v <= 1 ? r.string(flex) : "",
    topicId: v >= 2 ? r.uuid() : ZERO_UUID,
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 0
  if (v <= 1) { w.string(m.topicName ?? '', flex) }
  if (v >= 2) { w.uuid((m.topicId ?? ZERO_UUID)) }
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
    isr: [],
    leaderRecoveryState: 0,
    partitionEpoch: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    isr: readArray(r, flex, false, (r) => r.int32()),
    leaderRecoveryState: v >= 1 ? r.int8() : 0,
    partitionEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  writeArray(w, flex, false, m.isr, (w, e) => w.int32(e))
  if (v >= 1) { w.int8((m.leaderRecoveryState ?? 0)) }
  w.int32((m.partitionEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
