// generated from DeleteShareGroupStateResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const DeleteShareGroupStateResponseInfo = {
  name: 'DeleteShareGroupStateResponse',
  apiKey: 86,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DeleteShareGroupStateResponse {
  /** The delete results */
  results: DeleteStateResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteStateResult {
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

export function decodeDeleteShareGroupStateResponse(r: Reader, v: number): DeleteShareGroupStateResponse {
  const flex = v >= 0
  const o: DeleteShareGroupStateResponse = {
    results: readArray(r, flex, false, (r) => readDeleteStateResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteShareGroupStateResponse(w: Writer, v: number, m: Input<DeleteShareGroupStateResponse>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.results, (w, e) => writeDeleteStateResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteStateResult(): DeleteStateResult {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readDeleteStateResult(r: Reader, v: number): DeleteStateResult {
  const flex = v >= 0
  const o: DeleteStateResult = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteStateResult(w: Writer, v: number, m: Input<DeleteStateResult>): void {
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
