// generated from AlterReplicaLogDirsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterReplicaLogDirsResponseInfo = {
  name: 'AlterReplicaLogDirsResponse',
  apiKey: 34,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface AlterReplicaLogDirsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The results for each topic. */
  results: AlterReplicaLogDirTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterReplicaLogDirTopicResult {
  /** The name of the topic. */
  topicName: string
  /** The results for each partition. */
  partitions: AlterReplicaLogDirPartitionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterReplicaLogDirPartitionResult {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterReplicaLogDirsResponse(r: Reader, v: number): AlterReplicaLogDirsResponse {
  const flex = v >= 2
  const o: AlterReplicaLogDirsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, flex, false, (r) => readAlterReplicaLogDirTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterReplicaLogDirsResponse(w: Writer, v: number, m: Input<AlterReplicaLogDirsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.results, (w, e) => writeAlterReplicaLogDirTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterReplicaLogDirTopicResult(): AlterReplicaLogDirTopicResult {
  return {
    topicName: "",
    partitions: [],
  }
}

function readAlterReplicaLogDirTopicResult(r: Reader, v: number): AlterReplicaLogDirTopicResult {
  const flex = v >= 2
  const o: AlterReplicaLogDirTopicResult = {
    topicName: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readAlterReplicaLogDirPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterReplicaLogDirTopicResult(w: Writer, v: number, m: Input<AlterReplicaLogDirTopicResult>): void {
  const flex = v >= 2
  w.string(m.topicName ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeAlterReplicaLogDirPartitionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterReplicaLogDirPartitionResult(): AlterReplicaLogDirPartitionResult {
  return {
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readAlterReplicaLogDirPartitionResult(r: Reader, v: number): AlterReplicaLogDirPartitionResult {
  const flex = v >= 2
  const o: AlterReplicaLogDirPartitionResult = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterReplicaLogDirPartitionResult(w: Writer, v: number, m: Input<AlterReplicaLogDirPartitionResult>): void {
  const flex = v >= 2
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
