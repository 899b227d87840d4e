// generated from VoteRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const VoteRequestInfo = {
  name: 'VoteRequest',
  apiKey: 52,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface VoteRequest {
  clusterId: string | null
  /** The replica id of the voter receiving the request */
  voterId: number
  topics: TopicData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  /** The topic name. */
  topicName: string
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partitionIndex: number
  /** The bumped epoch of the candidate sending the request */
  candidateEpoch: number
  /** The replica id of the voter sending the request */
  candidateId: number
  /** The directory id of the voter sending the request */
  candidateDirectoryId: string
  /** The ID of the voter sending the request */
  voterDirectoryId: string
  /** The epoch of the last record written to the metadata log */
  lastOffsetEpoch: number
  /** The offset of the last record written to the metadata log */
  lastOffset: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeVoteRequest(r: Reader, v: number): VoteRequest {
  const flex = v >= 0
  const o: VoteRequest = {
    clusterId: r.nullableString(flex),
    voterId: v >= 1 ? r.int32() : -1,
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeVoteRequest(w: Writer, v: number, m: Input<VoteRequest>): void {
  const flex = v >= 0
  w.nullableString(m.clusterId, flex)
  if (v >= 1) { w.int32((m.voterId ?? -1)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topicName: "",
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 0
  const o: TopicData = {
    topicName: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 0
  w.string(m.topicName ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    candidateEpoch: 0,
    candidateId: 0,
    candidateDirectoryId: ZERO_UUID,
    voterDirectoryId: ZERO_UUID,
    lastOffsetEpoch: 0,
    lastOffset: 0n,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partitionIndex: r.int32(),
    candidateEpoch: r.int32(),
    candidateId: r.int32(),
    candidateDirectoryId: v >= 1 ? r.uuid() : ZERO_UUID,
    voterDirectoryId: v >= 1 ? r.uuid() : ZERO_UUID,
    lastOffsetEpoch: r.int32(),
    lastOffset: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.candidateEpoch ?? 0))
  w.int32((m.candidateId ?? 0))
  if (v >= 1) { w.uuid((m.candidateDirectoryId ?? ZERO_UUID)) }
  if (v >= 1) { w.uuid((m.voterDirectoryId ?? ZERO_UUID)) }
  w.int32((m.lastOffsetEpoch ?? 0))
  w.int64((m.lastOffset ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
