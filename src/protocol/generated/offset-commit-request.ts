// generated from OffsetCommitRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetCommitRequestInfo = {
  name: 'OffsetCommitRequest',
  apiKey: 8,
  type: 'request',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 8,
  latestVersionUnstable: false,
} as const

export interface OffsetCommitRequest {
  /** The unique group identifier. */
  groupId: string
  /** The generation of the group if using the classic group protocol or the member epoch if using the consumer protocol. */
  generationIdOrMemberEpoch: number
  /** The member ID assigned by the group coordinator. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** The time period in ms to retain the offset. */
  retentionTimeMs: bigint
  /** The topics to commit offsets for. */
  topics: OffsetCommitRequestTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetCommitRequestTopic {
  /** The topic name. */
  name: string
  /** Each partition to commit offsets for. */
  partitions: OffsetCommitRequestPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetCommitRequestPartition {
  /** The partition index. */
  partitionIndex: number
  /** The message offset to be committed. */
  committedOffset: bigint
  /** The leader epoch of this partition. */
  committedLeaderEpoch: number
  /** The timestamp of the commit. */
  commitTimestamp: bigint
  /** Any associated metadata the client wants to keep. */
  committedMetadata: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetCommitRequest(r: Reader, v: number): OffsetCommitRequest {
  const flex = v >= 8
  const o: OffsetCommitRequest = {
    groupId: r.string(flex),
    generationIdOrMemberEpoch: v >= 1 ? r.int32() : -1,
    memberId: v >= 1 ? r.string(flex) : "",
    groupInstanceId: v >= 7 ? r.nullableString(flex) : null,
    retentionTimeMs: v >= 2 && v <= 4 ? r.int64() : -1n,
    topics: readArray(r, flex, false, (r) => readOffsetCommitRequestTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetCommitRequest(w: Writer, v: number, m: Input<OffsetCommitRequest>): void {
  const flex = v >= 8
  w.string(m.groupId ?? '', flex)
  if (v >= 1) { w.int32((m.generationIdOrMemberEpoch ?? -1)) }
  if (v >= 1) { w.string(m.memberId ?? '', flex) }
  if (v >= 7) { w.nullableString(m.groupInstanceId, flex) }
  if (v >= 2 && v <= 4) { w.int64((m.retentionTimeMs ?? -1n)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeOffsetCommitRequestTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetCommitRequestTopic(): OffsetCommitRequestTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readOffsetCommitRequestTopic(r: Reader, v: number): OffsetCommitRequestTopic {
  const flex = v >= 8
  const o: OffsetCommitRequestTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readOffsetCommitRequestPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetCommitRequestTopic(w: Writer, v: number, m: Input<OffsetCommitRequestTopic>): void {
  const flex = v >= 8
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetCommitRequestPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetCommitRequestPartition(): OffsetCommitRequestPartition {
  return {
    partitionIndex: 0,
    committedOffset: 0n,
    committedLeaderEpoch: -1,
    commitTimestamp: -1n,
    committedMetadata: "",
  }
}

function readOffsetCommitRequestPartition(r: Reader, v: number): OffsetCommitRequestPartition {
  const flex = v >= 8
  const o: OffsetCommitRequestPartition = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: v >= 6 ? r.int32() : -1,
    commitTimestamp: v >= 1 && v <= 1 ? r.int64() : -1n,
    committedMetadata: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetCommitRequestPartition(w: Writer, v: number, m: Input<OffsetCommitRequestPartition>): void {
  const flex = v >= 8
  w.int32((m.partitionIndex ?? 0))
  w.int64((m.committedOffset ?? 0n))
  if (v >= 6) { w.int32((m.committedLeaderEpoch ?? -1)) }
  if (v >= 1 && v <= 1) { w.int64((m.commitTimestamp ?? -1n)) }
  w.nullableString(m.committedMetadata, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
