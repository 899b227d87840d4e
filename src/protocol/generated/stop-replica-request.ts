// generated from StopReplicaRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const StopReplicaRequestInfo = {
  name: 'StopReplicaRequest',
  apiKey: 5,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface StopReplicaRequest {
  /** The controller id. */
  controllerId: number
  /** If KRaft controller id is used during migration. See KIP-866 */
  isKRaftController: boolean
  /** The controller epoch. */
  controllerEpoch: number
  /** The broker epoch. */
  brokerEpoch: bigint
  /** Whether these partitions should be deleted. */
  deletePartitions: boolean
  /** The partitions to stop. */
  ungroupedPartitions: StopReplicaPartitionV0[]
  /** The topics to stop. */
  topics: StopReplicaTopicV1[]
  /** Each topic. */
  topicStates: StopReplicaTopicState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StopReplicaPartitionV0 {
  /** The topic name. */
  topicName: string
  /** The partition index. */
  partitionIndex: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StopReplicaTopicV1 {
  /** The topic name. */
  name: string
  /** The partition indexes. */
  partitionIndexes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StopReplicaTopicState {
  /** The topic name. */
  topicName: string
  /** The state of each partition */
  partitionStates: StopReplicaPartitionState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StopReplicaPartitionState {
  /** The partition index. */
  partitionIndex: number
  /** The leader epoch. */
  leaderEpoch: number
  /** Whether this partition should be deleted. */
  deletePartition: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeStopReplicaRequest(r: Reader, v: number): StopReplicaRequest {
  const flex = v >= 2
  const o: StopReplicaRequest = {
    controllerId: r.int32(),
    isKRaftController: v >= 4 ? r.bool() : false,
    controllerEpoch: r.int32(),
    brokerEpoch: v >= 1 ? r.int64() : -1n,
    deletePartitions: v <= 2 ? r.bool() : false,
    ungroupedPartitions: v <= 0 ? readArray(r, flex, false, (r) => readStopReplicaPartitionV0(r, v)) : [],
    topics: v >= 1 && v <= 2 ? readArray(r, flex, false, (r) => readStopReplicaTopicV1(r, v)) : [],
    topicStates: v >= 3 ? readArray(r, flex, false, (r) => readStopReplicaTopicState(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeStopReplicaRequest(w: Writer, v: number, m: Input<StopReplicaRequest>): void {
  const flex = v >= 2
  w.int32((m.controllerId ?? 0))
  if (v >= 4) { w.bool((m.isKRaftController ?? false)) }
  w.int32((m.controllerEpoch ?? 0))
  if (v >= 1) { w.int64((m.brokerEpoch ?? -1n)) }
  if (v <= 2) { w.bool((m.deletePartitions ?? false)) }
  if (v <= 0) { writeArray(w, flex, false, m.ungroupedPartitions, (w, e) => writeStopReplicaPartitionV0(w, v, e)) }
  if (v >= 1 && v <= 2) { writeArray(w, flex, false, m.topics, (w, e) => writeStopReplicaTopicV1(w, v, e)) }
  if (v >= 3) { writeArray(w, flex, false, m.topicStates, (w, e) => writeStopReplicaTopicState(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStopReplicaPartitionV0(): StopReplicaPartitionV0 {
  return {
    topicName: "",
    partitionIndex: 0,
  }
}

function readStopReplicaPartitionV0(r: Reader, v: number): StopReplicaPartitionV0 {
  const flex = v >= 2
  const o: StopReplicaPartitionV0 = {
    topicName: v <= 0 ? r.string(flex) : "",
    partitionIndex: v <= 0 ? r.int32() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStopReplicaPartitionV0(w: Writer, v: number, m: Input<StopReplicaPartitionV0>): void {
  const flex = v >= 2
  if (v <= 0) { w.string(m.topicName ?? '', flex) }
  if (v <= 0) { w.int32((m.partitionIndex ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStopReplicaTopicV1(): StopReplicaTopicV1 {
  return {
    name: "",
    partitionIndexes: [],
  }
}

function readStopReplicaTopicV1(r: Reader, v: number): StopReplicaTopicV1 {
  const flex = v >= 2
  const o: StopReplicaTopicV1 = {
    name: v >= 1 && v <= 2 ? r.string(flex) : "",
    partitionIndexes: v >= 1 && v <= 2 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStopReplicaTopicV1(w: Writer, v: number, m: Input<StopReplicaTopicV1>): void {
  const flex = v >= 2
  if (v >= 1 && v <= 2) { w.string(m.name ?? '', flex) }
  if (v >= 1 && v <= 2) { writeArray(w, flex, false, m.partitionIndexes, (w, e) => w.int32(e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStopReplicaTopicState(): StopReplicaTopicState {
  return {
    topicName: "",
    partitionStates: [],
  }
}

function readStopReplicaTopicState(r: Reader, v: number): StopReplicaTopicState {
  const flex = v >= 2
  const o: StopReplicaTopicState = {
    topicName: v >= 3 ? r.string(flex) : "",
    partitionStates: v >= 3 ? readArray(r, flex, false, (r) => readStopReplicaPartitionState(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStopReplicaTopicState(w: Writer, v: number, m: Input<StopReplicaTopicState>): void {
  const flex = v >= 2
  if (v >= 3) { w.string(m.topicName ?? '', flex) }
  if (v >= 3) { writeArray(w, flex, false, m.partitionStates, (w, e) => writeStopReplicaPartitionState(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStopReplicaPartitionState(): StopReplicaPartitionState {
  return {
    partitionIndex: 0,
    leaderEpoch: -1,
    deletePartition: false,
  }
}

function readStopReplicaPartitionState(r: Reader, v: number): StopReplicaPartitionState {
  const flex = v >= 2
  const o: StopReplicaPartitionState = {
    partitionIndex: v >= 3 ? r.int32() : 0,
    leaderEpoch: v >= 3 ? r.int32() : -1,
    deletePartition: v >= 3 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStopReplicaPartitionState(w: Writer, v: number, m: Input<StopReplicaPartitionState>): void {
  const flex = v >= 2
  if (v >= 3) { w.int32((m.partitionIndex ?? 0)) }
  if (v >= 3) { w.int32((m.leaderEpoch ?? -1)) }
  if (v >= 3) { w.bool((m.deletePartition ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
