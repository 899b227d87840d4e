// generated from DeleteRecordsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DeleteRecordsRequestInfo = {
  name: 'DeleteRecordsRequest',
  apiKey: 21,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DeleteRecordsRequest {
  /** Each topic that we want to delete records from. */
  topics: DeleteRecordsTopic[]
  /** How long to wait for the deletion to complete, in milliseconds. */
  timeoutMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteRecordsTopic {
  /** The topic name. */
  name: string
  /** Each partition that we want to delete records from. */
  partitions: DeleteRecordsPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteRecordsPartition {
  /** The partition index. */
  partitionIndex: number
  /** The deletion offset. */
  offset: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteRecordsRequest(r: Reader, v: number): DeleteRecordsRequest {
  const flex = v >= 2
  const o: DeleteRecordsRequest = {
    topics: readArray(r, flex, false, (r) => readDeleteRecordsTopic(r, v)),
    timeoutMs: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteRecordsRequest(w: Writer, v: number, m: Input<DeleteRecordsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.topics, (w, e) => writeDeleteRecordsTopic(w, v, e))
  w.int32((m.timeoutMs ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteRecordsTopic(): DeleteRecordsTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readDeleteRecordsTopic(r: Reader, v: number): DeleteRecordsTopic {
  const flex = v >= 2
  const o: DeleteRecordsTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readDeleteRecordsPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteRecordsTopic(w: Writer, v: number, m: Input<DeleteRecordsTopic>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeDeleteRecordsPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteRecordsPartition(): DeleteRecordsPartition {
  return {
    partitionIndex: 0,
    offset: 0n,
  }
}

function readDeleteRecordsPartition(r: Reader, v: number): DeleteRecordsPartition {
  const flex = v >= 2
  const o: DeleteRecordsPartition = {
    partitionIndex: r.int32(),
    offset: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteRecordsPartition(w: Writer, v: number, m: Input<DeleteRecordsPartition>): void {
  const flex = v >= 2
  w.int32((m.partitionIndex ?? 0))
  w.int64((m.offset ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
