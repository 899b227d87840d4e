// generated from OffsetForLeaderEpochRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetForLeaderEpochRequestInfo = {
  name: 'OffsetForLeaderEpochRequest',
  apiKey: 23,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface OffsetForLeaderEpochRequest {
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId: number
  /** Each topic to get offsets for. */
  topics: OffsetForLeaderTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetForLeaderTopic {
  /** The topic name. */
  topic: string
  /** Each partition to get offsets for. */
  partitions: OffsetForLeaderPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetForLeaderPartition {
  /** The partition index. */
  partition: number
  /** An epoch used to fence consumers/replicas with old metadata. If the epoch provided by the client is larger than the current epoch known to the broker, then the UNKNOWN_LEADER_EPOCH error code will be returned. If the provided epoch is smaller, then the FENCED_LEADER_EPOCH error code will be returned. */
  currentLeaderEpoch: number
  /** The epoch to look up an offset for. */
  leaderEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetForLeaderEpochRequest(r: Reader, v: number): OffsetForLeaderEpochRequest {
  const flex = v >= 4
  const o: OffsetForLeaderEpochRequest = {
    replicaId: v >= 3 ? r.int32() : -2,
    topics: readArray(r, flex, false, (r) => readOffsetForLeaderTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetForLeaderEpochRequest(w: Writer, v: number, m: Input<OffsetForLeaderEpochRequest>): void {
  const flex = v >= 4
  if (v >= 3) { w.int32((m.replicaId ?? -2)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeOffsetForLeaderTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetForLeaderTopic(): OffsetForLeaderTopic {
  return {
    topic: "",
    partitions: [],
  }
}

function readOffsetForLeaderTopic(r: Reader, v: number): OffsetForLeaderTopic {
  const flex = v >= 4
  const o: OffsetForLeaderTopic = {
    topic: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readOffsetForLeaderPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetForLeaderTopic(w: Writer, v: number, m: Input<OffsetForLeaderTopic>): void {
  const flex = v >= 4
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetForLeaderPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetForLeaderPartition(): OffsetForLeaderPartition {
  return {
    partition: 0,
    currentLeaderEpoch: -1,
    leaderEpoch: 0,
  }
}

function readOffsetForLeaderPartition(r: Reader, v: number): OffsetForLeaderPartition {
  const flex = v >= 4
  const o: OffsetForLeaderPartition = {
    partition: r.int32(),
    currentLeaderEpoch: v >= 2 ? r.int32() : -1,
    leaderEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetForLeaderPartition(w: Writer, v: number, m: Input<OffsetForLeaderPartition>): void {
  const flex = v >= 4
  w.int32((m.partition ?? 0))
  if (v >= 2) { w.int32((m.currentLeaderEpoch ?? -1)) }
  w.int32((m.leaderEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
