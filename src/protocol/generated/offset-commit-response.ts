// generated from OffsetCommitResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetCommitResponseInfo = {
  name: 'OffsetCommitResponse',
  apiKey: 8,
  type: 'response',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 8,
  latestVersionUnstable: false,
} as const

export interface OffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The responses for each topic. */
  topics: OffsetCommitResponseTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetCommitResponseTopic {
  /** The topic name. */
  name: string
  /** The responses for each partition in the topic. */
  partitions: OffsetCommitResponsePartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OffsetCommitResponsePartition {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetCommitResponse(r: Reader, v: number): OffsetCommitResponse {
  const flex = v >= 8
  const o: OffsetCommitResponse = {
    throttleTimeMs: v >= 3 ? r.int32() : 0,
    topics: readArray(r, flex, false, (r) => readOffsetCommitResponseTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetCommitResponse(w: Writer, v: number, m: Input<OffsetCommitResponse>): void {
  const flex = v >= 8
  if (v >= 3) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeOffsetCommitResponseTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetCommitResponseTopic(): OffsetCommitResponseTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readOffsetCommitResponseTopic(r: Reader, v: number): OffsetCommitResponseTopic {
  const flex = v >= 8
  const o: OffsetCommitResponseTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readOffsetCommitResponsePartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetCommitResponseTopic(w: Writer, v: number, m: Input<OffsetCommitResponseTopic>): void {
  const flex = v >= 8
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetCommitResponsePartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOffsetCommitResponsePartition(): OffsetCommitResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readOffsetCommitResponsePartition(r: Reader, v: number): OffsetCommitResponsePartition {
  const flex = v >= 8
  const o: OffsetCommitResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOffsetCommitResponsePartition(w: Writer, v: number, m: Input<OffsetCommitResponsePartition>): void {
  const flex = v >= 8
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
