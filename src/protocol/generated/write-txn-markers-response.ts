// generated from WriteTxnMarkersResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const WriteTxnMarkersResponseInfo = {
  name: 'WriteTxnMarkersResponse',
  apiKey: 27,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface WriteTxnMarkersResponse {
  /** The results for writing makers. */
  markers: WritableTxnMarkerResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WritableTxnMarkerResult {
  /** The current producer ID in use by the transactional ID. */
  producerId: bigint
  /** The results by topic. */
  topics: WritableTxnMarkerTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WritableTxnMarkerTopicResult {
  /** The topic name. */
  name: string
  /** The results by partition. */
  partitions: WritableTxnMarkerPartitionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WritableTxnMarkerPartitionResult {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeWriteTxnMarkersResponse(r: Reader, v: number): WriteTxnMarkersResponse {
  const flex = v >= 1
  const o: WriteTxnMarkersResponse = {
    markers: readArray(r, flex, false, (r) => readWritableTxnMarkerResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeWriteTxnMarkersResponse(w: Writer, v: number, m: Input<WriteTxnMarkersResponse>): void {
  const flex = v >= 1
  writeArray(w, flex, false, m.markers, (w, e) => writeWritableTxnMarkerResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWritableTxnMarkerResult(): WritableTxnMarkerResult {
  return {
    producerId: 0n,
    topics: [],
  }
}

function readWritableTxnMarkerResult(r: Reader, v: number): WritableTxnMarkerResult {
  const flex = v >= 1
  const o: WritableTxnMarkerResult = {
    producerId: r.int64(),
    topics: readArray(r, flex, false, (r) => readWritableTxnMarkerTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWritableTxnMarkerResult(w: Writer, v: number, m: Input<WritableTxnMarkerResult>): void {
  const flex = v >= 1
  w.int64((m.producerId ?? 0n))
  writeArray(w, flex, false, m.topics, (w, e) => writeWritableTxnMarkerTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWritableTxnMarkerTopicResult(): WritableTxnMarkerTopicResult {
  return {
    name: "",
    partitions: [],
  }
}

function readWritableTxnMarkerTopicResult(r: Reader, v: number): WritableTxnMarkerTopicResult {
  const flex = v >= 1
  const o: WritableTxnMarkerTopicResult = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readWritableTxnMarkerPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWritableTxnMarkerTopicResult(w: Writer, v: number, m: Input<WritableTxnMarkerTopicResult>): void {
  const flex = v >= 1
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeWritableTxnMarkerPartitionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWritableTxnMarkerPartitionResult(): WritableTxnMarkerPartitionResult {
  return {
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readWritableTxnMarkerPartitionResult(r: Reader, v: number): WritableTxnMarkerPartitionResult {
  const flex = v >= 1
  const o: WritableTxnMarkerPartitionResult = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWritableTxnMarkerPartitionResult(w: Writer, v: number, m: Input<WritableTxnMarkerPartitionResult>): void {
  const flex = v >= 1
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
