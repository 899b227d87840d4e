// generated from DeleteRecordsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DeleteRecordsResponseInfo = {
  name: 'DeleteRecordsResponse',
  apiKey: 21,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DeleteRecordsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each topic that we wanted to delete records from. */
  topics: DeleteRecordsTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteRecordsTopicResult {
  /** The topic name. */
  name: string
  /** Each partition that we wanted to delete records from. */
  partitions: DeleteRecordsPartitionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteRecordsPartitionResult {
  /** The partition index. */
  partitionIndex: number
  /** The partition low water mark. */
  lowWatermark: bigint
  /** The deletion error code, or 0 if the deletion succeeded. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteRecordsResponse(r: Reader, v: number): DeleteRecordsResponse {
  const flex = v >= 2
  const o: DeleteRecordsResponse = {
    throttleTimeMs: r.int32(),
    topics: readArray(r, flex, false, (r) => readDeleteRecordsTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteRecordsResponse(w: Writer, v: number, m: Input<DeleteRecordsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeDeleteRecordsTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteRecordsTopicResult(): DeleteRecordsTopicResult {
  return {
    name: "",
    partitions: [],
  }
}

function readDeleteRecordsTopicResult(r: Reader, v: number): DeleteRecordsTopicResult {
  const flex = v >= 2
  const o: DeleteRecordsTopicResult = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readDeleteRecordsPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteRecordsTopicResult(w: Writer, v: number, m: Input<DeleteRecordsTopicResult>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeDeleteRecordsPartitionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteRecordsPartitionResult(): DeleteRecordsPartitionResult {
  return {
    partitionIndex: 0,
    lowWatermark: 0n,
    errorCode: 0,
  }
}

function readDeleteRecordsPartitionResult(r: Reader, v: number): DeleteRecordsPartitionResult {
  const flex = v >= 2
  const o: DeleteRecordsPartitionResult = {
    partitionIndex: r.int32(),
    lowWatermark: r.int64(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteRecordsPartitionResult(w: Writer, v: number, m: Input<DeleteRecordsPartitionResult>): void {
  const flex = v >= 2
  w.int32((m.partitionIndex ?? 0))
  w.int64((m.lowWatermark ?? 0n))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
