// generated from OffsetFetchRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetFetchRequestInfo = {
  name: 'OffsetFetchRequest',
  apiKey: 9,
  type: 'request',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface OffsetFetchRequest {
  /** The group to fetch offsets for. */
  groupId: string
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics: OffsetFetchRequestTopic[] | null
  /** Each group we would like to fetch offsets for */
  groups: OffsetFetchRequestGroup[]
  /** Whether broker should hold on returning unstable offsets but set a retriable error code for the partitions. */
  requireStable: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchRequestTopic {
  /** The topic name. */
  name: string
  /** The partition indexes we would like to fetch offsets for. */
  partitionIndexes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchRequestGroup {
  /** The group ID. */
  groupId: string
  /** The member ID assigned by the group coordinator if using the new consumer protocol (KIP-848). */
  memberId: string | null
  /** The member epoch if using the new consumer protocol (KIP-848). */
  memberEpoch: number
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics: OffsetFetchRequestTopics[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetFetchRequestTopics {
  /** The topic name. */
  name: string
  /** The partition indexes we would like to fetch offsets for. */
  partitionIndexes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetFetchRequest(r: Reader, v: number): OffsetFetchRequest {
  const flex = v >= 6
  const o: OffsetFetchRequest = {
    groupId: v <= 7 ? r.string(flex) : "",
    topics: v <= 7 ? readArray(r, flex, true, (r) => readOffsetFetchRequestTopic(r, v)) : [],
    groups: v >= 8 ? readArray(r, flex, false, (r) => readOffsetFetchRequestGroup(r, v)) : [],
    requireStable: v >= 7 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetFetchRequest(w: Writer, v: number, m: Input<OffsetFetchRequest>): void {
  const flex = v >= 6
  if (v <= 7) { w.string(m.groupId ?? '', flex) }
  if (v <= 7) { writeArray(w, flex, true, m.topics, (w, e) => writeOffsetFetchRequestTopic(w, v, e)) }
  if (v >= 8) { writeArray(w, flex, false, m.groups, (w, e) => writeOffsetFetchRequestGroup(w, v, e)) }
  if (v >= 7) { w.bool((m.requireStable ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchRequestTopic(): OffsetFetchRequestTopic {
  return {
    name: "",
    partitionIndexes: [],
  }
}

function readOffsetFetchRequestTopic(r: Reader, v: number): OffsetFetchRequestTopic {
  const flex = v >= 6
  const o: OffsetFetchRequestTopic = {
    name: v <= 7 ? r.string(flex) : "",
    partitionIndexes: v <= 7 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchRequestTopic(w: Writer, v: number, m: Input<OffsetFetchRequestTopic>): void {
  const flex = v >= 6
  if (v <= 7) { w.string(m.name ?? '', flex) }
  if (v <= 7) { writeArray(w, flex, false, m.partitionIndexes, (w, e) => w.int32(e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchRequestGroup(): OffsetFetchRequestGroup {
  return {
    groupId: "",
    memberId: null,
    memberEpoch: -1,
    topics: [],
  }
}

function readOffsetFetchRequestGroup(r: Reader, v: number): OffsetFetchRequestGroup {
  const flex = v >= 6
  const o: OffsetFetchRequestGroup = {
    groupId: v >= 8 ? r.string(flex) : "",
    memberId: v >= 9 ? r.nullableString(flex) : null,
    memberEpoch: v >= 9 ? r.int32() : -1,
    topics: v >= 8 ? readArray(r, flex, true, (r) => readOffsetFetchRequestTopics(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchRequestGroup(w: Writer, v: number, m: Input<OffsetFetchRequestGroup>): void {
  const flex = v >= 6
  if (v >= 8) { w.string(m.groupId ?? '', flex) }
  if (v >= 9) { w.nullableString(m.memberId, flex) }
  if (v >= 9) { w.int32((m.memberEpoch ?? -1)) }
  if (v >= 8) { writeArray(w, flex, true, m.topics, (w, e) => writeOffsetFetchRequestTopics(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetFetchRequestTopics(): OffsetFetchRequestTopics {
  return {
    name: "",
    partitionIndexes: [],
  }
}

function readOffsetFetchRequestTopics(r: Reader, v: number): OffsetFetchRequestTopics {
  const flex = v >= 6
  const o: OffsetFetchRequestTopics = {
    name: v >= 8 ? r.string(flex) : "",
    partitionIndexes: v >= 8 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetFetchRequestTopics(w: Writer, v: number, m: Input<OffsetFetchRequestTopics>): void {
  const flex = v >= 6
  if (v >= 8) { w.string(m.name ?? '', flex) }
  if (v >= 8) { writeArray(w, flex, false, m.partitionIndexes, (w, e) => w.int32(e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
