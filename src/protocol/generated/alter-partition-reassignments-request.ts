// generated from AlterPartitionReassignmentsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterPartitionReassignmentsRequestInfo = {
  name: 'AlterPartitionReassignmentsRequest',
  apiKey: 45,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AlterPartitionReassignmentsRequest {
  /** The time in ms to wait for the request to complete. */
  timeoutMs: number
  /** The topics to reassign. */
  topics: ReassignableTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReassignableTopic {
  /** The topic name. */
  name: string
  /** The partitions to reassign. */
  partitions: ReassignablePartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReassignablePartition {
  /** The partition index. */
  partitionIndex: number
  /** The replicas to place the partitions on, or null to cancel a pending reassignment for this partition. */
  replicas: number[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterPartitionReassignmentsRequest(r: Reader, v: number): AlterPartitionReassignmentsRequest {
  const flex = v >= 0
  const o: AlterPartitionReassignmentsRequest = {
    timeoutMs: r.int32(),
    topics: readArray(r, flex, false, (r) => readReassignableTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterPartitionReassignmentsRequest(w: Writer, v: number, m: Input<AlterPartitionReassignmentsRequest>): void {
  const flex = v >= 0
  w.int32((m.timeoutMs ?? 60000))
  writeArray(w, flex, false, m.topics, (w, e) => writeReassignableTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReassignableTopic(): ReassignableTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readReassignableTopic(r: Reader, v: number): ReassignableTopic {
  const flex = v >= 0
  const o: ReassignableTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readReassignablePartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReassignableTopic(w: Writer, v: number, m: Input<ReassignableTopic>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeReassignablePartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReassignablePartition(): ReassignablePartition {
  return {
    partitionIndex: 0,
    replicas: null,
  }
}

function readReassignablePartition(r: Reader, v: number): ReassignablePartition {
  const flex = v >= 0
  const o: ReassignablePartition = {
    partitionIndex: r.int32(),
    replicas: readArray(r, flex, true, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReassignablePartition(w: Writer, v: number, m: Input<ReassignablePartition>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  writeArray(w, flex, true, m.replicas, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
