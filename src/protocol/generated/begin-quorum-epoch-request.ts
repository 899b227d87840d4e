// generated from BeginQuorumEpochRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const BeginQuorumEpochRequestInfo = {
  name: 'BeginQuorumEpochRequest',
  apiKey: 53,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface BeginQuorumEpochRequest {
  clusterId: string | null
  /** The replica id of the voter receiving the request */
  voterId: number
  topics: TopicData[]
  /** Endpoints for the leader */
  leaderEndpoints: LeaderEndpoint[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  /** The topic name */
  topicName: string
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index */
  partitionIndex: number
  /** The directory id of the receiving replica */
  voterDirectoryId: string
  /** The ID of the newly elected leader */
  leaderId: number
  /** The epoch of the newly elected leader */
  leaderEpoch: number
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

export function decodeBeginQuorumEpochRequest(r: Reader, v: number): BeginQuorumEpochRequest {
  const flex = v >= 1
  const o: BeginQuorumEpochRequest = {
    clusterId: r.nullableString(flex),
    voterId: v >= 1 ? r.int32() : -1,
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
    leaderEndpoints: v >= 1 ? readArray(r, flex, false, (r) => readLeaderEndpoint(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeBeginQuorumEpochRequest(w: Writer, v: number, m: Input<BeginQuorumEpochRequest>): void {
  const flex = v >= 1
  w.nullableString(m.clusterId, flex)
  if (v >= 1) { w.int32((m.voterId ?? -1)) }
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
    voterDirectoryId: ZERO_UUID,
    leaderId: 0,
    leaderEpoch: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 1
  const o: PartitionData = {
    partitionIndex: r.int32(),
    voterDirectoryId: v >= 1 ? r.uuid() : ZERO_UUID,
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 1
  w.int32((m.partitionIndex ?? 0))
  if (v >= 1) { w.uuid((m.voterDirectoryId ?? ZERO_UUID)) }
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? 0))
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
