// generated from ListPartitionReassignmentsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListPartitionReassignmentsRequestInfo = {
  name: 'ListPartitionReassignmentsRequest',
  apiKey: 46,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ListPartitionReassignmentsRequest {
  /** The time in ms to wait for the request to complete. */
  timeoutMs: number
  /** The topics to list partition reassignments for, or null to list everything. */
  topics: ListPartitionReassignmentsTopics[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ListPartitionReassignmentsTopics {
  /** The topic name */
  name: string
  /** The partitions to list partition reassignments for. */
  partitionIndexes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListPartitionReassignmentsRequest(r: Reader, v: number): ListPartitionReassignmentsRequest {
  const flex = v >= 0
  const o: ListPartitionReassignmentsRequest = {
    timeoutMs: r.int32(),
    topics: readArray(r, flex, true, (r) => readListPartitionReassignmentsTopics(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListPartitionReassignmentsRequest(w: Writer, v: number, m: Input<ListPartitionReassignmentsRequest>): void {
  const flex = v >= 0
  w.int32((m.timeoutMs ?? 60000))
  writeArray(w, flex, true, m.topics, (w, e) => writeListPartitionReassignmentsTopics(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListPartitionReassignmentsTopics(): ListPartitionReassignmentsTopics {
  return {
    name: "",
    partitionIndexes: [],
  }
}

function readListPartitionReassignmentsTopics(r: Reader, v: number): ListPartitionReassignmentsTopics {
  const flex = v >= 0
  const o: ListPartitionReassignmentsTopics = {
    name: r.string(flex),
    partitionIndexes: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListPartitionReassignmentsTopics(w: Writer, v: number, m: Input<ListPartitionReassignmentsTopics>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitionIndexes, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
