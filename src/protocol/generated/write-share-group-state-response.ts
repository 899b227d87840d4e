// generated from WriteShareGroupStateResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const WriteShareGroupStateResponseInfo = {
  name: 'WriteShareGroupStateResponse',
  apiKey: 85,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface WriteShareGroupStateResponse {
  /** The write results */
  results: WriteStateResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WriteStateResult {
  /** The topic identifier */
  topicId: string
  /** The results for the partitions. */
  partitions: PartitionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionResult {
  /** The partition index. */
  partition: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeWriteShareGroupStateResponse(r: Reader, v: number): WriteShareGroupStateResponse {
  const flex = v >= 0
  const o: WriteShareGroupStateResponse = {
    results: readArray(r, flex, false, (r) => readWriteStateResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeWriteShareGroupStateResponse(w: Writer, v: number, m: Input<WriteShareGroupStateResponse>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.results, (w, e) => writeWriteStateResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWriteStateResult(): WriteStateResult {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readWriteStateResult(r: Reader, v: number): WriteStateResult {
  const flex = v >= 0
  const o: WriteStateResult = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWriteStateResult(w: Writer, v: number, m: Input<WriteStateResult>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionResult(): PartitionResult {
  return {
    partition: 0,
    errorCode: 0,
    errorMessage: null,
  }
}

function readPartitionResult(r: Reader, v: number): PartitionResult {
  const flex = v >= 0
  const o: PartitionResult = {
    partition: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionResult(w: Writer, v: number, m: Input<PartitionResult>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
