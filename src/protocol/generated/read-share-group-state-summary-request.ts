// generated from ReadShareGroupStateSummaryRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ReadShareGroupStateSummaryRequestInfo = {
  name: 'ReadShareGroupStateSummaryRequest',
  apiKey: 87,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface ReadShareGroupStateSummaryRequest {
  /** The group identifier. */
  groupId: string
  /** The data for the topics. */
  topics: ReadStateSummaryData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReadStateSummaryData {
  /** The topic identifier. */
  topicId: string
  /** The data for the partitions. */
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partition: number
  /** The leader epoch of the share-partition. */
  leaderEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeReadShareGroupStateSummaryRequest(r: Reader, v: number): ReadShareGroupStateSummaryRequest {
  const flex = v >= 0
  const o: ReadShareGroupStateSummaryRequest = {
    groupId: r.string(flex),
    topics: readArray(r, flex, false, (r) => readReadStateSummaryData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeReadShareGroupStateSummaryRequest(w: Writer, v: number, m: Input<ReadShareGroupStateSummaryRequest>): void {
  const flex = v >= 0
  w.string(m.groupId ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeReadStateSummaryData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReadStateSummaryData(): ReadStateSummaryData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readReadStateSummaryData(r: Reader, v: number): ReadStateSummaryData {
  const flex = v >= 0
  const o: ReadStateSummaryData = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReadStateSummaryData(w: Writer, v: number, m: Input<ReadStateSummaryData>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partition: 0,
    leaderEpoch: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partition: r.int32(),
    leaderEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
