// generated from AssignReplicasToDirsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const AssignReplicasToDirsRequestInfo = {
  name: 'AssignReplicasToDirsRequest',
  apiKey: 73,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AssignReplicasToDirsRequest {
  /** The ID of the requesting broker */
  brokerId: number
  /** The epoch of the requesting broker */
  brokerEpoch: bigint
  directories: DirectoryData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DirectoryData {
  /** The ID of the directory */
  id: string
  topics: TopicData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  /** The ID of the assigned topic */
  topicId: string
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index */
  partitionIndex: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAssignReplicasToDirsRequest(r: Reader, v: number): AssignReplicasToDirsRequest {
  const flex = v >= 0
  const o: AssignReplicasToDirsRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    directories: readArray(r, flex, false, (r) => readDirectoryData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAssignReplicasToDirsRequest(w: Writer, v: number, m: Input<AssignReplicasToDirsRequest>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  w.int64((m.brokerEpoch ?? -1n))
  writeArray(w, flex, false, m.directories, (w, e) => writeDirectoryData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDirectoryData(): DirectoryData {
  return {
    id: ZERO_UUID,
    topics: [],
  }
}

function readDirectoryData(r: Reader, v: number): DirectoryData {
  const flex = v >= 0
  const o: DirectoryData = {
    id: r.uuid(),
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDirectoryData(w: Writer, v: number, m: Input<DirectoryData>): void {
  const flex = v >= 0
  w.uuid((m.id ?? ZERO_UUID))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 0
  const o: TopicData = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partitionIndex: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
