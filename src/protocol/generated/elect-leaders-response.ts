// generated from ElectLeadersResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ElectLeadersResponseInfo = {
  name: 'ElectLeadersResponse',
  apiKey: 43,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface ElectLeadersResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top level response error code. */
  errorCode: number
  /** The election results, or an empty array if the requester did not have permission and the request asks for all partitions. */
  replicaElectionResults: ReplicaElectionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReplicaElectionResult {
  /** The topic name */
  topic: string
  /** The results for each partition */
  partitionResult: PartitionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionResult {
  /** The partition id */
  partitionId: number
  /** The result error, or zero if there was no error. */
  errorCode: number
  /** The result message, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeElectLeadersResponse(r: Reader, v: number): ElectLeadersResponse {
  const flex = v >= 2
  const o: ElectLeadersResponse = {
    throttleTimeMs: r.int32(),
    errorCode: v >= 1 ? r.int16() : 0,
    replicaElectionResults: readArray(r, flex, false, (r) => readReplicaElectionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeElectLeadersResponse(w: Writer, v: number, m: Input<ElectLeadersResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  if (v >= 1) { w.int16((m.errorCode ?? 0)) }
  writeArray(w, flex, false, m.replicaElectionResults, (w, e) => writeReplicaElectionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReplicaElectionResult(): ReplicaElectionResult {
  return {
    topic: "",
    partitionResult: [],
  }
}

function readReplicaElectionResult(r: Reader, v: number): ReplicaElectionResult {
  const flex = v >= 2
  const o: ReplicaElectionResult = {
    topic: r.string(flex),
    partitionResult: readArray(r, flex, false, (r) => readPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReplicaElectionResult(w: Writer, v: number, m: Input<ReplicaElectionResult>): void {
  const flex = v >= 2
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitionResult, (w, e) => writePartitionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionResult(): PartitionResult {
  return {
    partitionId: 0,
    errorCode: 0,
    errorMessage: "",
  }
}

function readPartitionResult(r: Reader, v: number): PartitionResult {
  const flex = v >= 2
  const o: PartitionResult = {
    partitionId: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionResult(w: Writer, v: number, m: Input<PartitionResult>): void {
  const flex = v >= 2
  w.int32((m.partitionId ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
