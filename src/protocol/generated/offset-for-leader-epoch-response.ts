// generated from OffsetForLeaderEpochResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetForLeaderEpochResponseInfo = {
  name: 'OffsetForLeaderEpochResponse',
  apiKey: 23,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface OffsetForLeaderEpochResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each topic we fetched offsets for. */
  topics: OffsetForLeaderTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetForLeaderTopicResult {
  /** The topic name. */
  topic: string
  /** Each partition in the topic we fetched offsets for. */
  partitions: EpochEndOffset[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EpochEndOffset {
  /** The error code 0, or if there was no error. */
  errorCode: number
  /** The partition index. */
  partition: number
  /** The leader epoch of the partition. */
  leaderEpoch: number
  /** The end offset of the epoch. */
  endOffset: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetForLeaderEpochResponse(r: Reader, v: number): OffsetForLeaderEpochResponse {
  const flex = v >= 4
  const o: OffsetForLeaderEpochResponse = {
    throttleTimeMs: v >= 2 ? r.int32() : 0,
    topics: readArray(r, flex, false, (r) => readOffsetForLeaderTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetForLeaderEpochResponse(w: Writer, v: number, m: Input<OffsetForLeaderEpochResponse>): void {
  const flex = v >= 4
  if (v >= 2) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeOffsetForLeaderTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetForLeaderTopicResult(): OffsetForLeaderTopicResult {
  return {
    topic: "",
    partitions: [],
  }
}

function readOffsetForLeaderTopicResult(r: Reader, v: number): OffsetForLeaderTopicResult {
  const flex = v >= 4
  const o: OffsetForLeaderTopicResult = {
    topic: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readEpochEndOffset(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetForLeaderTopicResult(w: Writer, v: number, m: Input<OffsetForLeaderTopicResult>): void {
  const flex = v >= 4
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeEpochEndOffset(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultEpochEndOffset(): EpochEndOffset {
  return {
    errorCode: 0,
    partition: 0,
    leaderEpoch: -1,
    endOffset: -1n,
  }
}

function readEpochEndOffset(r: Reader, v: number): EpochEndOffset {
  const flex = v >= 4
  const o: EpochEndOffset = {
    errorCode: r.int16(),
    partition: r.int32(),
    leaderEpoch: v >= 1 ? r.int32() : -1,
    endOffset: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEpochEndOffset(w: Writer, v: number, m: Input<EpochEndOffset>): void {
  const flex = v >= 4
  w.int16((m.errorCode ?? 0))
  w.int32((m.partition ?? 0))
  if (v >= 1) { w.int32((m.leaderEpoch ?? -1)) }
  w.int64((m.endOffset ?? -1n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
