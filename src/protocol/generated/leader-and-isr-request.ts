// generated from LeaderAndIsrRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const LeaderAndIsrRequestInfo = {
  name: 'LeaderAndIsrRequest',
  apiKey: 4,
  type: 'request',
  minVersion: 0,
  maxVersion: 7,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface LeaderAndIsrRequest {
  /** The current controller ID. */
  controllerId: number
  /** If KRaft controller id is used during migration. See KIP-866 */
  isKRaftController: boolean
  /** The current controller epoch. */
  controllerEpoch: number
  /** The current broker epoch. */
  brokerEpoch: bigint
  /** The type that indicates whether all topics are included in the request */
  type: number
  /** The state of each partition, in a v0 or v1 message. */
  ungroupedPartitionStates: LeaderAndIsrPartitionState[]
  /** Each topic. */
  topicStates: LeaderAndIsrTopicState[]
  /** The current live leaders. */
  liveLeaders: LeaderAndIsrLiveLeader[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderAndIsrPartitionState {
  /** The topic name.  This is only present in v0 or v1. */
  topicName: string
  /** The partition index. */
  partitionIndex: number
  /** The controller epoch. */
  controllerEpoch: number
  /** The broker ID of the leader. */
  leader: number
  /** The leader epoch. */
  leaderEpoch: number
  /** The in-sync replica IDs. */
  isr: number[]
  /** The current epoch for the partition. The epoch is a monotonically increasing value which is incremented after every partition change. (Since the LeaderAndIsr request is only used by the legacy controller, this corresponds to the zkVersion) */
  partitionEpoch: number
  /** The replica IDs. */
  replicas: number[]
  /** The replica IDs that we are adding this partition to, or null if no replicas are being added. */
  addingReplicas: number[]
  /** The replica IDs that we are removing this partition from, or null if no replicas are being removed. */
  removingReplicas: number[]
  /** Whether the replica should have existed on the broker or not. */
  isNew: boolean
  /** 1 if the partition is recovering from an unclean leader election; 0 otherwise. */
  leaderRecoveryState: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderAndIsrTopicState {
  /** The topic name. */
  topicName: string
  /** The unique topic ID. */
  topicId: string
  /** The state of each partition */
  partitionStates: LeaderAndIsrPartitionState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderAndIsrLiveLeader {
  /** The leader's broker ID. */
  brokerId: number
  /** The leader's hostname. */
  hostName: string
  /** The leader's port. */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeLeaderAndIsrRequest(r: Reader, v: number): LeaderAndIsrRequest {
  const flex = v >= 4
  const o: LeaderAndIsrRequest = {
    controllerId: r.int32(),
    isKRaftController: v >= 7 ? r.bool() : false,
    controllerEpoch: r.int32(),
    brokerEpoch: v >= 2 ? r.int64() : -1n,
    type: v >= 5 ? r.int8() : 0,
    ungroupedPartitionStates: v <= 1 ? readArray(r, flex, false, (r) => readLeaderAndIsrPartitionState(r, v)) : [],
    topicStates: v >= 2 ? readArray(r, flex, false, (r) => readLeaderAndIsrTopicState(r, v)) : [],
    liveLeaders: readArray(r, flex, false, (r) => readLeaderAndIsrLiveLeader(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeLeaderAndIsrRequest(w: Writer, v: number, m: Input<LeaderAndIsrRequest>): void {
  const flex = v >= 4
  w.int32((m.controllerId ?? 0))
  if (v >= 7) { w.bool((m.isKRaftController ?? false)) }
  w.int32((m.controllerEpoch ?? 0))
  if (v >= 2) { w.int64((m.brokerEpoch ?? -1n)) }
  if (v >= 5) { w.int8((m.type ?? 0)) }
  if (v <= 1) { writeArray(w, flex, false, m.ungroupedPartitionStates, (w, e) => writeLeaderAndIsrPartitionState(w, v, e)) }
  if (v >= 2) { writeArray(w, flex, false, m.topicStates, (w, e) => writeLeaderAndIsrTopicState(w, v, e)) }
  writeArray(w, flex, false, m.liveLeaders, (w, e) => writeLeaderAndIsrLiveLeader(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderAndIsrPartitionState(): LeaderAndIsrPartitionState {
  return {
    topicName: "",
    partitionIndex: 0,
    controllerEpoch: 0,
    leader: 0,
    leaderEpoch: 0,
    isr: [],
    partitionEpoch: 0,
    replicas: [],
    addingReplicas: [],
    removingReplicas: [],
    isNew: false,
    leaderRecoveryState: 0,
  }
}

function readLeaderAndIsrPartitionState(r: Reader, v: number): LeaderAndIsrPartitionState {
  const flex = v >= 4
  const o: LeaderAndIsrPartitionState = {
    topicName: v <= 1 ? r.string(flex) : "",
    partitionIndex: r.int32(),
    controllerEpoch: r.int32(),
    leader: r.int32(),
    leaderEpoch: r.int32(),
    isr: readArray(r, flex, false, (r) => r.int32()),
    partitionEpoch: r.int32(),
    replicas: readArray(r, flex, false, (r) => r.int32()),
    addingReplicas: v >= 3 ? readArray(r, flex, false, (r) => r.int32()) : [],
    removingReplicas: v >= 3 ? readArray(r, flex, false, (r) => r.int32()) : [],
    isNew: v >= 1 ? r.bool() : false,
    leaderRecoveryState: v >= 6 ? r.int8() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderAndIsrPartitionState(w: Writer, v: number, m: Input<LeaderAndIsrPartitionState>): void {
  const flex = v >= 4
  if (v <= 1) { w.string(m.topicName ?? '', flex) }
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.controllerEpoch ?? 0))
  w.int32((m.leader ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  writeArray(w, flex, false, m.isr, (w, e) => w.int32(e))
  w.int32((m.partitionEpoch ?? 0))
  writeArray(w, flex, false, m.replicas, (w, e) => w.int32(e))
  if (v >= 3) { writeArray(w, flex, false, m.addingReplicas, (w, e) => w.int32(e)) }
  if (v >= 3) { writeArray(w, flex, false, m.removingReplicas, (w, e) => w.int32(e)) }
  if (v >= 1) { w.bool((m.isNew ?? false)) }
  if (v >= 6) { w.int8((m.leaderRecoveryState ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderAndIsrTopicState(): LeaderAndIsrTopicState {
  return {
    topicName: "",
    topicId: ZERO_UUID,
    partitionStates: [],
  }
}

function readLeaderAndIsrTopicState(r: Reader, v: number): LeaderAndIsrTopicState {
  const flex = v >= 4
  const o: LeaderAndIsrTopicState = {
    topicName: v >= 2 ? r.string(flex) : "",
    topicId: v >= 5 ? r.uuid() : ZERO_UUID,
    partitionStates: v >= 2 ? readArray(r, flex, false, (r) => readLeaderAndIsrPartitionState(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderAndIsrTopicState(w: Writer, v: number, m: Input<LeaderAndIsrTopicState>): void {
  const flex = v >= 4
  if (v >= 2) { w.string(m.topicName ?? '', flex) }
  if (v >= 5) { w.uuid((m.topicId ?? ZERO_UUID)) }
  if (v >= 2) { writeArray(w, flex, false, m.partitionStates, (w, e) => writeLeaderAndIsrPartitionState(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderAndIsrLiveLeader(): LeaderAndIsrLiveLeader {
  return {
    brokerId: 0,
    hostName: "",
    port: 0,
  }
}

function readLeaderAndIsrLiveLeader(r: Reader, v: number): LeaderAndIsrLiveLeader {
  const flex = v >= 4
  const o: LeaderAndIsrLiveLeader = {
    brokerId: r.int32(),
    hostName: r.string(flex),
    port: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderAndIsrLiveLeader(w: Writer, v: number, m: Input<LeaderAndIsrLiveLeader>): void {
  const flex = v >= 4
  w.int32((m.brokerId ?? 0))
  w.string(m.hostName ?? '', flex)
  w.int32((m.port ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
