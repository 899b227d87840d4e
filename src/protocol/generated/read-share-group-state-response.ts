// generated from ReadShareGroupStateResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ReadShareGroupStateResponseInfo = {
  name: 'ReadShareGroupStateResponse',
  apiKey: 84,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ReadShareGroupStateResponse {
  /** The read results */
  results: ReadStateResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReadStateResult {
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
  /** The state epoch for this share-partition. */
  stateEpoch: number
  /** The share-partition start offset, which can be -1 if it is not yet initialized. */
  startOffset: bigint
  stateBatches: StateBatch[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StateBatch {
  /** The base offset of this state batch. */
  firstOffset: bigint
  /** The last offset of this state batch. */
  lastOffset: bigint
  /** The state - 0:Available,2:Acked,4:Archived. */
  deliveryState: number
  /** The delivery count. */
  deliveryCount: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeReadShareGroupStateResponse(r: Reader, v: number): ReadShareGroupStateResponse {
  const flex = v >= 0
  const o: ReadShareGroupStateResponse = {
    results: readArray(r, flex, false, (r) => readReadStateResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeReadShareGroupStateResponse(w: Writer, v: number, m: Input<ReadShareGroupStateResponse>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.results, (w, e) => writeReadStateResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReadStateResult(): ReadStateResult {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readReadStateResult(r: Reader, v: number): ReadStateResult {
  const flex = v >= 0
  const o: ReadStateResult = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReadStateResult(w: Writer, v: number, m: Input<ReadStateResult>): void {
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
    stateBatches: [],
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
    stateBatches: readArray(r, flex, false, (r) => readStateBatch(r, v)),
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
  writeArray(w, flex, false, m.stateBatches, (w, e) => writeStateBatch(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStateBatch(): StateBatch {
  return {
    firstOffset: 0n,
    lastOffset: 0n,
    deliveryState: 0,
    deliveryCount: 0,
  }
}

function readStateBatch(r: Reader, v: number): StateBatch {
  const flex = v >= 0
  const o: StateBatch = {
    firstOffset: r.int64(),
    lastOffset: r.int64(),
    deliveryState: r.int8(),
    deliveryCount: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStateBatch(w: Writer, v: number, m: Input<StateBatch>): void {
  const flex = v >= 0
  w.int64((m.firstOffset ?? 0n))
  w.int64((m.lastOffset ?? 0n))
  w.int8((m.deliveryState ?? 0))
  w.int16((m.deliveryCount ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
