// generated from ReadShareGroupStateSummaryResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ReadShareGroupStateSummaryResponseInfo = {
  name: 'ReadShareGroupStateSummaryResponse',
  apiKey: 87,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ReadShareGroupStateSummaryResponse {
  /** The read results */
  results: ReadStateSummaryResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReadStateSummaryResult {
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
  /** The state epoch of the share-partition. */
  stateEpoch: number
  /** The share-partition start offset. */
  startOffset: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeReadShareGroupStateSummaryResponse(r: Reader, v: number): ReadShareGroupStateSummaryResponse {
  const flex = v >= 0
  const o: ReadShareGroupStateSummaryResponse = {
    results: readArray(r, flex, false, (r) => readReadStateSummaryResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeReadShareGroupStateSummaryResponse(w: Writer, v: number, m: Input<ReadShareGroupStateSummaryResponse>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.results, (w, e) => writeReadStateSummaryResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReadStateSummaryResult(): ReadStateSummaryResult {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readReadStateSummaryResult(r: Reader, v: number): ReadStateSummaryResult {
  const flex = v >= 0
  const o: ReadStateSummaryResult = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReadStateSummaryResult(w: Writer, v: number, m: Input<ReadStateSummaryResult>): void {
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
    stateEpoch: 0,
    startOffset: 0n,
  }
}

function readPartitionResult(r: Reader, v: number): PartitionResult {
  const flex = v >= 0
  const o: PartitionResult = {
    partition: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    stateEpoch: r.int32(),
    startOffset: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionResult(w: Writer, v: number, m: Input<PartitionResult>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  w.int32((m.stateEpoch ?? 0))
  w.int64((m.startOffset ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
