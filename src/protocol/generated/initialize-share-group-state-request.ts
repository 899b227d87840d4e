// generated from InitializeShareGroupStateRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const InitializeShareGroupStateRequestInfo = {
  name: 'InitializeShareGroupStateRequest',
  apiKey: 83,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface InitializeShareGroupStateRequest {
  /** The group identifier. */
  groupId: string
  /** The data for the topics. */
  topics: InitializeStateData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface InitializeStateData {
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
  /** The share-partition start offset, or -1 if the start offset is not being initialized. */
  startOffset: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeInitializeShareGroupStateRequest(r: Reader, v: number): InitializeShareGroupStateRequest {
  const flex = v >= 0
  const o: InitializeShareGroupStateRequest = {
    groupId: r.string(flex),
    topics: readArray(r, flex, false, (r) => readInitializeStateData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeInitializeShareGroupStateRequest(w: Writer, v: number, m: Input<InitializeShareGroupStateRequest>): void {
  const flex = v >= 0
  w.string(m.groupId ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeInitializeStateData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultInitializeStateData(): InitializeStateData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readInitializeStateData(r: Reader, v: number): InitializeStateData {
  const flex = v >= 0
  const o: InitializeStateData = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeInitializeStateData(w: Writer, v: number, m: Input<InitializeStateData>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partition: 0,
    stateEpoch: 0,
    startOffset: 0n,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partition: r.int32(),
    stateEpoch: r.int32(),
    startOffset: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  w.int32((m.stateEpoch ?? 0))
  w.int64((m.startOffset ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
