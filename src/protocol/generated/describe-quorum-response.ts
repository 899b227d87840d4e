// generated from DescribeQuorumResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const DescribeQuorumResponseInfo = {
  name: 'DescribeQuorumResponse',
  apiKey: 55,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeQuorumResponse {
  /** The top level error code. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  topics: TopicData[]
  nodes: Node[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReplicaState {
  replicaId: number
  replicaDirectoryId: string
  /** The last known log end offset of the follower or -1 if it is unknown */
  logEndOffset: bigint
  /** The last known leader wall clock time time when a follower fetched from the leader. This is reported as -1 both for the current leader or if it is unknown for a voter */
  lastFetchTimestamp: bigint
  /** The leader wall clock append time of the offset for which the follower made the most recent fetch request. This is reported as the current time for the leader and -1 if unknown for a voter */
  lastCaughtUpTimestamp: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  /** The topic name. */
  topicName: string
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partitionIndex: number
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number
  /** The latest known leader epoch */
  leaderEpoch: number
  highWatermark: bigint
  currentVoters: ReplicaState[]
  observers: ReplicaState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Node {
  /** The ID of the associated node */
  nodeId: number
  /** The listeners of this controller */
  listeners: Listener[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Listener {
  /** The name of the endpoint */
  name: string
  /** The hostname */
  host: string
  /** The port */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeQuorumResponse(r: Reader, v: number): DescribeQuorumResponse {
  const flex = v >= 0
  const o: DescribeQuorumResponse = {
    errorCode: r.int16(),
    errorMessage: v >= 2 ? r.nullableString(flex) : "",
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
    nodes: v >= 2 ? readArray(r, flex, false, (r) => readNode(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeQuorumResponse(w: Writer, v: number, m: Input<DescribeQuorumResponse>): void {
  const flex = v >= 0
  w.int16((m.errorCode ?? 0))
  if (v >= 2) { w.nullableString(m.errorMessage, flex) }
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (v >= 2) { writeArray(w, flex, false, m.nodes, (w, e) => writeNode(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReplicaState(): ReplicaState {
  return {
    replicaId: 0,
    replicaDirectoryId: ZERO_UUID,
    logEndOffset: 0n,
    lastFetchTimestamp: -1n,
    lastCaughtUpTimestamp: -1n,
  }
}

function readReplicaState(r: Reader, v: number): ReplicaState {
  const flex = v >= 0
  const o: ReplicaState = {
    replicaId: r.int32(),
    replicaDirectoryId: v >= 2 ? r.uuid() : ZERO_UUID,
    logEndOffset: r.int64(),
    lastFetchTimestamp: v >= 1 ? r.int64() : -1n,
    lastCaughtUpTimestamp: v >= 1 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReplicaState(w: Writer, v: number, m: Input<ReplicaState>): void {
  const flex = v >= 0
  w.int32((m.replicaId ?? 0))
  if (v >= 2) { w.uuid((m.replicaDirectoryId ?? ZERO_UUID)) }
  w.int64((m.logEndOffset ?? 0n))
  if (v >= 1) { w.int64((m.lastFetchTimestamp ?? -1n)) }
  if (v >= 1) { w.int64((m.lastCaughtUpTimestamp ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topicName: "",
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 0
  const o: TopicData = {
    topicName: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 0
  w.string(m.topicName ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: "",
    leaderId: 0,
    leaderEpoch: 0,
    highWatermark: 0n,
    currentVoters: [],
    observers: [],
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: v >= 2 ? r.nullableString(flex) : "",
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    highWatermark: r.int64(),
    currentVoters: readArray(r, flex, false, (r) => readReplicaState(r, v)),
    observers: readArray(r, flex, false, (r) => readReplicaState(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (v >= 2) { w.nullableString(m.errorMessage, flex) }
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  w.int64((m.highWatermark ?? 0n))
  writeArray(w, flex, false, m.currentVoters, (w, e) => writeReplicaState(w, v, e))
  writeArray(w, flex, false, m.observers, (w, e) => writeReplicaState(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultNode(): Node {
  return {
    nodeId: 0,
    listeners: [],
  }
}

function readNode(r: Reader, v: number): Node {
  const flex = v >= 0
  const o: Node = {
    nodeId: v >= 2 ? r.int32() : 0,
    listeners: v >= 2 ? readArray(r, flex, false, (r) => readListener(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeNode(w: Writer, v: number, m: Input<Node>): void {
  const flex = v >= 0
  if (v >= 2) { w.int32((m.nodeId ?? 0)) }
  if (v >= 2) { writeArray(w, flex, false, m.listeners, (w, e) => writeListener(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListener(): Listener {
  return {
    name: "",
    host: "",
    port: 0,
  }
}

function readListener(r: Reader, v: number): Listener {
  const flex = v >= 0
  const o: Listener = {
    name: v >= 2 ? r.string(flex) : "",
    host: v >= 2 ? r.string(flex) : "",
    port: v >= 2 ? r.uint16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListener(w: Writer, v: number, m: Input<Listener>): void {
  const flex = v >= 0
  if (v >= 2) { w.string(m.name ?? '', flex) }
  if (v >= 2) { w.string(m.host ?? '', flex) }
  if (v >= 2) { w.uint16((m.port ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
