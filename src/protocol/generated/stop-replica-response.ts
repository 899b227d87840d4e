// generated from StopReplicaResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const StopReplicaResponseInfo = {
  name: 'StopReplicaResponse',
  apiKey: 5,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface StopReplicaResponse {
  /** The top-level error code, or 0 if there was no top-level error. */
  errorCode: number
  /** The responses for each partition. */
  partitionErrors: StopReplicaPartitionError[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface StopReplicaPartitionError {
  /** The topic name. */
  topicName: string
  /** The partition index. */
  partitionIndex: number
  /** The partition error code, or 0 if there was no partition error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeStopReplicaResponse(r: Reader, v: number): StopReplicaResponse {
  const flex = v >= 2
  const o: StopReplicaResponse = {
    errorCode: r.int16(),
    partitionErrors: readArray(r, flex, false, (r) => readStopReplicaPartitionError(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeStopReplicaResponse(w: Writer, v: number, m: Input<StopReplicaResponse>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.partitionErrors, (w, e) => writeStopReplicaPartitionError(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultStopReplicaPartitionError(): StopReplicaPartitionError {
  return {
    topicName: "",
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readStopReplicaPartitionError(r: Reader, v: number): StopReplicaPartitionError {
  const flex = v >= 2
  const o: StopReplicaPartitionError = {
    topicName: r.string(flex),
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeStopReplicaPartitionError(w: Writer, v: number, m: Input<StopReplicaPartitionError>): void {
  const flex = v >= 2
  w.string(m.topicName ?? '', flex)
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
