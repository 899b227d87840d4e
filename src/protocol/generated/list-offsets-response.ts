// generated from ListOffsetsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListOffsetsResponseInfo = {
  name: 'ListOffsetsResponse',
  apiKey: 2,
  type: 'response',
  minVersion: 0,
  maxVersion: 10,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface ListOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each topic in the response. */
  topics: ListOffsetsTopicResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ListOffsetsTopicResponse {
  /** The topic name */
  name: string
  /** Each partition in the response. */
  partitions: ListOffsetsPartitionResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ListOffsetsPartitionResponse {
  /** The partition index. */
  partitionIndex: number
  /** The partition error code, or 0 if there was no error. */
  errorCode: number
  /** The result offsets. */
  oldStyleOffsets: bigint[]
  /** The timestamp associated with the returned offset. */
  timestamp: bigint
  /** The returned offset. */
  offset: bigint
  leaderEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListOffsetsResponse(r: Reader, v: number): ListOffsetsResponse {
  const flex = v >= 6
  const o: ListOffsetsResponse = {
    throttleTimeMs: v >= 2 ? r.int32() : 0,
    topics: readArray(r, flex, false, (r) => readListOffsetsTopicResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListOffsetsResponse(w: Writer, v: number, m: Input<ListOffsetsResponse>): void {
  const flex = v >= 6
  if (v >= 2) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeListOffsetsTopicResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListOffsetsTopicResponse(): ListOffsetsTopicResponse {
  return {
    name: "",
    partitions: [],
  }
}

function readListOffsetsTopicResponse(r: Reader, v: number): ListOffsetsTopicResponse {
  const flex = v >= 6
  const o: ListOffsetsTopicResponse = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readListOffsetsPartitionResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListOffsetsTopicResponse(w: Writer, v: number, m: Input<ListOffsetsTopicResponse>): void {
  const flex = v >= 6
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeListOffsetsPartitionResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListOffsetsPartitionResponse(): ListOffsetsPartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    oldStyleOffsets: [],
    timestamp: -1n,
    offset: -1n,
    leaderEpoch: -1,
  }
}

function readListOffsetsPartitionResponse(r: Reader, v: number): ListOffsetsPartitionResponse {
  const flex = v >= 6
  const o: ListOffsetsPartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    oldStyleOffsets: v <= 0 ? readArray(r, flex, false, (r) => r.int64()) : [],
    timestamp: v >= 1 ? r.int64() : -1n,
    offset: v >= 1 ? r.int64() : -1n,
    leaderEpoch: v >= 4 ? r.int32() : -1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListOffsetsPartitionResponse(w: Writer, v: number, m: Input<ListOffsetsPartitionResponse>): void {
  const flex = v >= 6
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (v <= 0) { writeArray(w, flex, false, m.oldStyleOffsets, (w, e) => w.int64(e)) }
  if (v >= 1) { w.int64((m.timestamp ?? -1n)) }
  if (v >= 1) { w.int64((m.offset ?? -1n)) }
  if (v >= 4) { w.int32((m.leaderEpoch ?? -1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
