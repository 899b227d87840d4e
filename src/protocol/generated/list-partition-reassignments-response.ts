// generated from ListPartitionReassignmentsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListPartitionReassignmentsResponseInfo = {
  name: 'ListPartitionReassignmentsResponse',
  apiKey: 46,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ListPartitionReassignmentsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error */
  errorCode: number
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null
  /** The ongoing reassignments for each topic. */
  topics: OngoingTopicReassignment[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OngoingTopicReassignment {
  /** The topic name. */
  name: string
  /** The ongoing reassignments for each partition. */
  partitions: OngoingPartitionReassignment[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface OngoingPartitionReassignment {
  /** The index of the partition. */
  partitionIndex: number
  /** The current replica set. */
  replicas: number[]
  /** The set of replicas we are currently adding. */
  addingReplicas: number[]
  /** The set of replicas we are currently removing. */
  removingReplicas: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListPartitionReassignmentsResponse(r: Reader, v: number): ListPartitionReassignmentsResponse {
  const flex = v >= 0
  const o: ListPartitionReassignmentsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    topics: readArray(r, flex, false, (r) => readOngoingTopicReassignment(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListPartitionReassignmentsResponse(w: Writer, v: number, m: Input<ListPartitionReassignmentsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeOngoingTopicReassignment(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOngoingTopicReassignment(): OngoingTopicReassignment {
  return {
    name: "",
    partitions: [],
  }
}

function readOngoingTopicReassignment(r: Reader, v: number): OngoingTopicReassignment {
  const flex = v >= 0
  const o: OngoingTopicReassignment = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readOngoingPartitionReassignment(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOngoingTopicReassignment(w: Writer, v: number, m: Input<OngoingTopicReassignment>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeOngoingPartitionReassignment(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultOngoingPartitionReassignment(): OngoingPartitionReassignment {
  return {
    partitionIndex: 0,
    replicas: [],
    addingReplicas: [],
    removingReplicas: [],
  }
}

function readOngoingPartitionReassignment(r: Reader, v: number): OngoingPartitionReassignment {
  const flex = v >= 0
  const o: OngoingPartitionReassignment = {
    partitionIndex: r.int32(),
    replicas: readArray(r, flex, false, (r) => r.int32()),
    addingReplicas: readArray(r, flex, false, (r) => r.int32()),
    removingReplicas: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOngoingPartitionReassignment(w: Writer, v: number, m: Input<OngoingPartitionReassignment>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  writeArray(w, flex, false, m.replicas, (w, e) => w.int32(e))
  writeArray(w, flex, false, m.addingReplicas, (w, e) => w.int32(e))
  writeArray(w, flex, false, m.removingReplicas, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
