// generated from AlterPartitionReassignmentsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterPartitionReassignmentsResponseInfo = {
  name: 'AlterPartitionReassignmentsResponse',
  apiKey: 45,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AlterPartitionReassignmentsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null
  /** The responses to topics to reassign. */
  responses: ReassignableTopicResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReassignableTopicResponse {
  /** The topic name */
  name: string
  /** The responses to partitions to reassign */
  partitions: ReassignablePartitionResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReassignablePartitionResponse {
  /** The partition index. */
  partitionIndex: number
  /** The error code for this partition, or 0 if there was no error. */
  errorCode: number
  /** The error message for this partition, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterPartitionReassignmentsResponse(r: Reader, v: number): AlterPartitionReassignmentsResponse {
  const flex = v >= 0
  const o: AlterPartitionReassignmentsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    responses: readArray(r, flex, false, (r) => readReassignableTopicResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterPartitionReassignmentsResponse(w: Writer, v: number, m: Input<AlterPartitionReassignmentsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.responses, (w, e) => writeReassignableTopicResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReassignableTopicResponse(): ReassignableTopicResponse {
  return {
    name: "",
    partitions: [],
  }
}

function readReassignableTopicResponse(r: Reader, v: number): ReassignableTopicResponse {
  const flex = v >= 0
  const o: ReassignableTopicResponse = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readReassignablePartitionResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReassignableTopicResponse(w: Writer, v: number, m: Input<ReassignableTopicResponse>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeReassignablePartitionResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReassignablePartitionResponse(): ReassignablePartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: "",
  }
}

function readReassignablePartitionResponse(r: Reader, v: number): ReassignablePartitionResponse {
  const flex = v >= 0
  const o: ReassignablePartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReassignablePartitionResponse(w: Writer, v: number, m: Input<ReassignablePartitionResponse>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
