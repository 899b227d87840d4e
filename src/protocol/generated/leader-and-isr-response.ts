// generated from LeaderAndIsrResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const LeaderAndIsrResponseInfo = {
  name: 'LeaderAndIsrResponse',
  apiKey: 4,
  type: 'response',
  minVersion: 0,
  maxVersion: 7,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface LeaderAndIsrResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Each partition in v0 to v4 message. */
  partitionErrors: LeaderAndIsrPartitionError[]
  /** Each topic */
  topics: LeaderAndIsrTopicError[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderAndIsrPartitionError {
  /** The topic name. */
  topicName: string
  /** The partition index. */
  partitionIndex: number
  /** The partition error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderAndIsrTopicError {
  /** The unique topic ID */
  topicId: string
  /** Each partition. */
  partitionErrors: LeaderAndIsrPartitionError[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeLeaderAndIsrResponse(r: Reader, v: number): LeaderAndIsrResponse {
  const flex = v >= 4
  const o: LeaderAndIsrResponse = {
    errorCode: r.int16(),
    partitionErrors: v <= 4 ? readArray(r, flex, false, (r) => readLeaderAndIsrPartitionError(r, v)) : [],
    topics: v >= 5 ? readArray(r, flex, false, (r) => readLeaderAndIsrTopicError(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeLeaderAndIsrResponse(w: Writer, v: number, m: Input<LeaderAndIsrResponse>): void {
  const flex = v >= 4
  w.int16((m.errorCode ?? 0))
  if (v <= 4) { writeArray(w, flex, false, m.partitionErrors, (w, e) => writeLeaderAndIsrPartitionError(w, v, e)) }
  if (v >= 5) { writeArray(w, flex, false, m.topics, (w, e) => writeLeaderAndIsrTopicError(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderAndIsrPartitionError(): LeaderAndIsrPartitionError {
  return {
    topicName: "",
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readLeaderAndIsrPartitionError(r: Reader, v: number): LeaderAndIsrPartitionError {
  const flex = v >= 4
  const o: LeaderAndIsrPartitionError = {
    topicName: v <= 4 ? r.string(flex) : "",
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderAndIsrPartitionError(w: Writer, v: number, m: Input<LeaderAndIsrPartitionError>): void {
  const flex = v >= 4
  if (v <= 4) { w.string(m.topicName ?? '', flex) }
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderAndIsrTopicError(): LeaderAndIsrTopicError {
  return {
    topicId: ZERO_UUID,
    partitionErrors: [],
  }
}

function readLeaderAndIsrTopicError(r: Reader, v: number): LeaderAndIsrTopicError {
  const flex = v >= 4
  const o: LeaderAndIsrTopicError = {
    topicId: v >= 5 ? r.uuid() : ZERO_UUID,
    partitionErrors: v >= 5 ? readArray(r, flex, false, (r) => readLeaderAndIsrPartitionError(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderAndIsrTopicError(w: Writer, v: number, m: Input<LeaderAndIsrTopicError>): void {
  const flex = v >= 4
  if (v >= 5) { w.uuid((m.topicId ?? ZERO_UUID)) }
  if (v >= 5) { writeArray(w, flex, false, m.partitionErrors, (w, e) => writeLeaderAndIsrPartitionError(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
