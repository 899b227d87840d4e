// generated from OffsetFetchResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetFetchResponseInfo = {
  name: 'OffsetFetchResponse',
  apiKey: 9,
  type: 'response',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface OffsetFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The responses per topic. */
  topics: OffsetFetchResponseTopic[]
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number
  /** The responses per group id. */
  groups: OffsetFetchResponseGroup[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchResponseTopic {
  /** The topic name. */
  name: string
  /** The responses per partition */
  partitions: OffsetFetchResponsePartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchResponsePartition {
  /** The partition index. */
  partitionIndex: number
  /** The committed message offset. */
  committedOffset: bigint
  /** The leader epoch. */
  committedLeaderEpoch: number
  /** The partition metadata. */
  metadata: string | null
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchResponseGroup {
  /** The group ID. */
  groupId: string
  /** The responses per topic. */
  topics: OffsetFetchResponseTopics[]
  /** The group-level error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchResponseTopics {
  /** The topic name. */
  name: string
  /** The responses per partition */
  partitions: OffsetFetchResponsePartitions[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchResponsePartitions {
  /** The partition index. */
  partitionIndex: number
  /** The committed message offset. */
  committedOffset: bigint
  /** The leader epoch. */
  committedLeaderEpoch: number
  /** The partition metadata. */
  metadata: string | null
  /** The partition-level error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetFetchResponse(r: Reader, v: number): OffsetFetchResponse {
  const flex = v >= 6
  const o: OffsetFetchResponse = {
    throttleTimeMs: v >= 3 ? r.int32() : 0,
    topics: v <= 7 ? readArray(r, flex, false, (r) => readOffsetFetchResponseTopic(r, v)) : [],
    errorCode: v >= 2 && v <= 7 ? r.int16() : 0,
    groups: v >= 8 ? readArray(r, flex, false, (r) => readOffsetFetchResponseGroup(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetFetchResponse(w: Writer, v: number, m: Input<OffsetFetchResponse>): void {
  const flex = v >= 6
  if (v >= 3) { w.int32((m.throttleTimeMs ?? 0)) }
  if (v <= 7) { writeArray(w, flex, false, m.topics, (w, e) => writeOffsetFetchResponseTopic(w, v, e)) }
  if (v >= 2 && v <= 7) { w.int16((m.errorCode ?? 0)) }
  if (v >= 8) { writeArray(w, flex, false, m.groups, (w, e) => writeOffsetFetchResponseGroup(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchResponseTopic(): OffsetFetchResponseTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readOffsetFetchResponseTopic(r: Reader, v: number): OffsetFetchResponseTopic {
  const flex = v >= 6
  const o: OffsetFetchResponseTopic = {
    name: v <= 7 ? r.string(flex) : "",
    partitions: v <= 7 ? readArray(r, flex, false, (r) => readOffsetFetchResponsePartition(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchResponseTopic(w: Writer, v: number, m: Input<OffsetFetchResponseTopic>): void {
  const flex = v >= 6
  if (v <= 7) { w.string(m.name ?? '', flex) }
  if (v <= 7) { writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetFetchResponsePartition(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchResponsePartition(): OffsetFetchResponsePartition {
  return {
    partitionIndex: 0,
    committedOffset: 0n,
    committedLeaderEpoch: -1,
    metadata: "",
    errorCode: 0,
  }
}

function readOffsetFetchResponsePartition(r: Reader, v: number): OffsetFetchResponsePartition {
  const flex = v >= 6
  const o: OffsetFetchResponsePartition = {
    partitionIndex: v <= 7 ? r.int32() : 0,
    committedOffset: v <= 7 ? r.int64() : 0n,
    committedLeaderEpoch: v >= 5 && v <= 7 ? r.int32() : -1,
    metadata: v <= 7 ? r.nullableString(flex) : "",
    errorCode: v <= 7 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchResponsePartition(w: Writer, v: number, m: Input<OffsetFetchResponsePartition>): void {
  const flex = v >= 6
  if (v <= 7) { w.int32((m.partitionIndex ?? 0)) }
  if (v <= 7) { w.int64((m.committedOffset ?? 0n)) }
  if (v >= 5 && v <= 7) { w.int32((m.committedLeaderEpoch ?? -1)) }
  if (v <= 7) { w.nullableString(m.metadata, flex) }
  if (v <= 7) { w.int16((m.errorCode ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchResponseGroup(): OffsetFetchResponseGroup {
  return {
    groupId: "",
    topics: [],
    errorCode: 0,
  }
}

function readOffsetFetchResponseGroup(r: Reader, v: number): OffsetFetchResponseGroup {
  const flex = v >= 6
  const o: OffsetFetchResponseGroup = {
    groupId: v >= 8 ? r.string(flex) : "",
    topics: v >= 8 ? readArray(r, flex, false, (r) => readOffsetFetchResponseTopics(r, v)) : [],
    errorCode: v >= 8 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchResponseGroup(w: Writer, v: number, m: Input<OffsetFetchResponseGroup>): void {
  const flex = v >= 6
  if (v >= 8) { w.string(m.groupId ?? '', flex) }
  if (v >= 8) { writeArray(w, flex, false, m.topics, (w, e) => writeOffsetFetchResponseTopics(w, v, e)) }
  if (v >= 8) { w.int16((m.errorCode ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchResponseTopics(): OffsetFetchResponseTopics {
  return {
    name: "",
    partitions: [],
  }
}

function readOffsetFetchResponseTopics(r: Reader, v: number): OffsetFetchResponseTopics {
  const flex = v >= 6
  const o: OffsetFetchResponseTopics = {
    name: v >= 8 ? r.string(flex) : "",
    partitions: v >= 8 ? readArray(r, flex, false, (r) => readOffsetFetchResponsePartitions(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchResponseTopics(w: Writer, v: number, m: Input<OffsetFetchResponseTopics>): void {
  const flex = v >= 6
  if (v >= 8) { w.string(m.name ?? '', flex) }
  if (v >= 8) { writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetFetchResponsePartitions(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchResponsePartitions(): OffsetFetchResponsePartitions {
  return {
    partitionIndex: 0,
    committedOffset: 0n,
    committedLeaderEpoch: -1,
    metadata: "",
    errorCode: 0,
  }
}

function readOffsetFetchResponsePartitions(r: Reader, v: number): OffsetFetchResponsePartitions {
  const flex = v >= 6
  const o: OffsetFetchResponsePartitions = {
    partitionIndex: v >= 8 ? r.int32() : 0,
    committedOffset: v >= 8 ? r.int64() : 0n,
    committedLeaderEpoch: v >= 8 ? r.int32() : -1,
    metadata: v >= 8 ? r.nullableString(flex) : "",
    errorCode: v >= 8 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchResponsePartitions(w: Writer, v: number, m: Input<OffsetFetchResponsePartitions>): void {
  const flex = v >= 6
  if (v >= 8) { w.int32((m.partitionIndex ?? 0)) }
  if (v >= 8) { w.int64((m.committedOffset ?? 0n)) }
  if (v >= 8) { w.int32((m.committedLeaderEpoch ?? -1)) }
  if (v >= 8) { w.nullableString(m.metadata, flex) }
  if (v >= 8) { w.int16((m.errorCode ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
