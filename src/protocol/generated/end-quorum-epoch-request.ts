// generated from EndQuorumEpochRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const EndQuorumEpochRequestInfo = {
  name: 'EndQuorumEpochRequest',
  apiKey: 54,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface EndQuorumEpochRequest {
  clusterId: string | null
  topics: TopicData[]
  /** Endpoints for the leader */
  leaderEndpoints: LeaderEndpoint[]
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
  /** The current leader ID that is resigning */
  leaderId: number
  /** The current epoch */
  leaderEpoch: number
  /** A sorted list of preferred successors to start the election */
  preferredSuccessors: number[]
  /** A sorted list of preferred candidates to start the election */
  preferredCandidates: ReplicaInfo[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReplicaInfo {
  candidateId: number
  candidateDirectoryId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderEndpoint {
  /** The name of the endpoint */
  name: string
  /** The node's hostname */
  host: string
  /** The node's port */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeEndQuorumEpochRequest(r: Reader, v: number): EndQuorumEpochRequest {
  const flex = v >= 1
  const o: EndQuorumEpochRequest = {
    clusterId: r.nullableString(flex),
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
    leaderEndpoints: v >= 1 ? readArray(r, flex, false, (r) => readLeaderEndpoint(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeEndQuorumEpochRequest(w: Writer, v: number, m: Input<EndQuorumEpochRequest>): void {
  const flex = v >= 1
  w.nullableString(m.clusterId, flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (v >= 1) { writeArray(w, flex, false, m.leaderEndpoints, (w, e) => writeLeaderEndpoint(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topicName: "",
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 1
  const o: TopicData = {
    topicName: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 1
  w.string(m.topicName ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: 0,
    preferredSuccessors: [],
    preferredCandidates: [],
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 1
  const o: PartitionData = {
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    preferredSuccessors: v <= 0 ? readArray(r, flex, false, (r) => r.int32()) : [],
    preferredCandidates: v >= 1 ? readArray(r, flex, false, (r) => readReplicaInfo(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 1
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  if (v <= 0) { writeArray(w, flex, false, m.preferredSuccessors, (w, e) => w.int32(e)) }
  if (v >= 1) { writeArray(w, flex, false, m.preferredCandidates, (w, e) => writeReplicaInfo(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultReplicaInfo(): ReplicaInfo {
  return {
    candidateId: 0,
    candidateDirectoryId: ZERO_UUID,
  }
}

function readReplicaInfo(r: Reader, v: number): ReplicaInfo {
  const flex = v >= 1
  const o: ReplicaInfo = {
    candidateId: v >= 1 ? r.int32() : 0,
    candidateDirectoryId: v >= 1 ? r.uuid() : ZERO_UUID,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReplicaInfo(w: Writer, v: number, m: Input<ReplicaInfo>): void {
  const flex = v >= 1
  if (v >= 1) { w.int32((m.candidateId ?? 0)) }
  if (v >= 1) { w.uuid((m.candidateDirectoryId ?? ZERO_UUID)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderEndpoint(): LeaderEndpoint {
  return {
    name: "",
    host: "",
    port: 0,
  }
}

function readLeaderEndpoint(r: Reader, v: number): LeaderEndpoint {
  const flex = v >= 1
  const o: LeaderEndpoint = {
    name: v >= 1 ? r.string(flex) : "",
    host: v >= 1 ? r.string(flex) : "",
    port: v >= 1 ? r.uint16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderEndpoint(w: Writer, v: number, m: Input<LeaderEndpoint>): void {
  const flex = v >= 1
  if (v >= 1) { w.string(m.name ?? '', flex) }
  if (v >= 1) { w.string(m.host ?? '', flex) }
  if (v >= 1) { w.uint16((m.port ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
