// generated from WriteShareGroupStateRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const WriteShareGroupStateRequestInfo = {
  name: 'WriteShareGroupStateRequest',
  apiKey: 85,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface WriteShareGroupStateRequest {
  /** The group identifier. */
  groupId: string
  /** The data for the topics. */
  topics: WriteStateData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WriteStateData {
  /** The topic identifier. */
  topicId: string
  /** The data for the partitions. */
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partition: number
  /** The state epoch for this share-partition. */
  stateEpoch: number
  /** The leader epoch of the share-partition. */
  leaderEpoch: number
  /** The share-partition start offset, or -1 if the start offset is not being written. */
  startOffset: bigint
  stateBatches: StateBatch[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StateBatch {
  /** The base offset of this state batch. */
  firstOffset: bigint
  /** The last offset of this state batch. */
  lastOffset: bigint
  /** The state - 0:Available,2:Acked,4:Archived */
  deliveryState: number
  /** The delivery count. */
  deliveryCount: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeWriteShareGroupStateRequest(r: Reader, v: number): WriteShareGroupStateRequest {
  const flex = v >= 0
  const o: WriteShareGroupStateRequest = {
    groupId: r.string(flex),
    topics: readArray(r, flex, false, (r) => readWriteStateData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeWriteShareGroupStateRequest(w: Writer, v: number, m: Input<WriteShareGroupStateRequest>): void {
  const flex = v >= 0
  w.string(m.groupId ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeWriteStateData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWriteStateData(): WriteStateData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readWriteStateData(r: Reader, v: number): WriteStateData {
  const flex = v >= 0
  const o: WriteStateData = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWriteStateData(w: Writer, v: number, m: Input<WriteStateData>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partition: 0,
    stateEpoch: 0,
    leaderEpoch: 0,
    startOffset: 0n,
    stateBatches: [],
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partition: r.int32(),
    stateEpoch: r.int32(),
    leaderEpoch: r.int32(),
    startOffset: r.int64(),
    stateBatches: readArray(r, flex, false, (r) => readStateBatch(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  w.int32((m.stateEpoch ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  w.int64((m.startOffset ?? 0n))
  writeArray(w, flex, false, m.stateBatches, (w, e) => writeStateBatch(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStateBatch(): StateBatch {
  return {
    firstOffset: 0n,
    lastOffset: 0n,
    deliveryState: 0,
    deliveryCount: 0,
  }
}

function readStateBatch(r: Reader, v: number): StateBatch {
  const flex = v >= 0
  const o: StateBatch = {
    firstOffset: r.int64(),
    lastOffset: r.int64(),
    deliveryState: r.int8(),
    deliveryCount: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStateBatch(w: Writer, v: number, m: Input<StateBatch>): void {
  const flex = v >= 0
  w.int64((m.firstOffset ?? 0n))
  w.int64((m.lastOffset ?? 0n))
  w.int8((m.deliveryState ?? 0))
  w.int16((m.deliveryCount ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
