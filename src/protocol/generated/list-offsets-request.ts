// generated from ListOffsetsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListOffsetsRequestInfo = {
  name: 'ListOffsetsRequest',
  apiKey: 2,
  type: 'request',
  minVersion: 0,
  maxVersion: 10,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface ListOffsetsRequest {
  /** The broker ID of the requester, or -1 if this request is being made by a normal consumer. */
  replicaId: number
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records */
  isolationLevel: number
  /** Each topic in the request. */
  topics: ListOffsetsTopic[]
  /** The timeout to await a response in milliseconds for requests that require reading from remote storage for topics enabled with tiered storage. */
  timeoutMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ListOffsetsTopic {
  /** The topic name. */
  name: string
  /** Each partition in the request. */
  partitions: ListOffsetsPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ListOffsetsPartition {
  /** The partition index. */
  partitionIndex: number
  /** The current leader epoch. */
  currentLeaderEpoch: number
  /** The current timestamp. */
  timestamp: bigint
  /** The maximum number of offsets to report. */
  maxNumOffsets: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListOffsetsRequest(r: Reader, v: number): ListOffsetsRequest {
  const flex = v >= 6
  const o: ListOffsetsRequest = {
    replicaId: r.int32(),
    isolationLevel: v >= 2 ? r.int8() : 0,
    topics: readArray(r, flex, false, (r) => readListOffsetsTopic(r, v)),
    timeoutMs: v >= 10 ? r.int32() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListOffsetsRequest(w: Writer, v: number, m: Input<ListOffsetsRequest>): void {
  const flex = v >= 6
  w.int32((m.replicaId ?? 0))
  if (v >= 2) { w.int8((m.isolationLevel ?? 0)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeListOffsetsTopic(w, v, e))
  if (v >= 10) { w.int32((m.timeoutMs ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListOffsetsTopic(): ListOffsetsTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readListOffsetsTopic(r: Reader, v: number): ListOffsetsTopic {
  const flex = v >= 6
  const o: ListOffsetsTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readListOffsetsPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListOffsetsTopic(w: Writer, v: number, m: Input<ListOffsetsTopic>): void {
  const flex = v >= 6
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeListOffsetsPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListOffsetsPartition(): ListOffsetsPartition {
  return {
    partitionIndex: 0,
    currentLeaderEpoch: -1,
    timestamp: 0n,
    maxNumOffsets: 1,
  }
}

function readListOffsetsPartition(r: Reader, v: number): ListOffsetsPartition {
  const flex = v >= 6
  const o: ListOffsetsPartition = {
    partitionIndex: r.int32(),
    currentLeaderEpoch: v >= 4 ? r.int32() : -1,
    timestamp: r.int64(),
    maxNumOffsets: v <= 0 ? r.int32() : 1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListOffsetsPartition(w: Writer, v: number, m: Input<ListOffsetsPartition>): void {
  const flex = v >= 6
  w.int32((m.partitionIndex ?? 0))
  if (v >= 4) { w.int32((m.currentLeaderEpoch ?? -1)) }
  w.int64((m.timestamp ?? 0n))
  if (v <= 0) { w.int32((m.maxNumOffsets ?? 1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
