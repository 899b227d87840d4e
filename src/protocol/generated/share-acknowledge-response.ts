// generated from ShareAcknowledgeResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ShareAcknowledgeResponseInfo = {
  name: 'ShareAcknowledgeResponse',
  apiKey: 79,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ShareAcknowledgeResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top level response error code. */
  errorCode: number
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null
  /** The response topics. */
  responses: ShareAcknowledgeTopicResponse[]
  /** Endpoints for all current leaders enumerated in PartitionData with error NOT_LEADER_OR_FOLLOWER. */
  nodeEndpoints: NodeEndpoint[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ShareAcknowledgeTopicResponse {
  /** The unique topic ID. */
  topicId: string
  /** The topic partitions. */
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  currentLeader: LeaderIdAndEpoch
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number
  /** The latest known leader epoch. */
  leaderEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface NodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number
  /** The node's hostname. */
  host: string
  /** The node's port. */
  port: number
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeShareAcknowledgeResponse(r: Reader, v: number): ShareAcknowledgeResponse {
  const flex = v >= 0
  const o: ShareAcknowledgeResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    responses: readArray(r, flex, false, (r) => readShareAcknowledgeTopicResponse(r, v)),
    nodeEndpoints: readArray(r, flex, false, (r) => readNodeEndpoint(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeShareAcknowledgeResponse(w: Writer, v: number, m: Input<ShareAcknowledgeResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.responses, (w, e) => writeShareAcknowledgeTopicResponse(w, v, e))
  writeArray(w, flex, false, m.nodeEndpoints, (w, e) => writeNodeEndpoint(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultShareAcknowledgeTopicResponse(): ShareAcknowledgeTopicResponse {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readShareAcknowledgeTopicResponse(r: Reader, v: number): ShareAcknowledgeTopicResponse {
  const flex = v >= 0
  const o: ShareAcknowledgeTopicResponse = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeShareAcknowledgeTopicResponse(w: Writer, v: number, m: Input<ShareAcknowledgeTopicResponse>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: null,
    currentLeader: defaultLeaderIdAndEpoch(),
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    currentLeader: readLeaderIdAndEpoch(r, v),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeLeaderIdAndEpoch(w, v, m.currentLeader ?? {})
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderIdAndEpoch(): LeaderIdAndEpoch {
  return {
    leaderId: 0,
    leaderEpoch: 0,
  }
}

function readLeaderIdAndEpoch(r: Reader, v: number): LeaderIdAndEpoch {
  const flex = v >= 0
  const o: LeaderIdAndEpoch = {
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderIdAndEpoch(w: Writer, v: number, m: Input<LeaderIdAndEpoch>): void {
  const flex = v >= 0
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultNodeEndpoint(): NodeEndpoint {
  return {
    nodeId: 0,
    host: "",
    port: 0,
    rack: null,
  }
}

function readNodeEndpoint(r: Reader, v: number): NodeEndpoint {
  const flex = v >= 0
  const o: NodeEndpoint = {
    nodeId: r.int32(),
    host: r.string(flex),
    port: r.int32(),
    rack: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeNodeEndpoint(w: Writer, v: number, m: Input<NodeEndpoint>): void {
  const flex = v >= 0
  w.int32((m.nodeId ?? 0))
  w.string(m.host ?? '', flex)
  w.int32((m.port ?? 0))
  w.nullableString(m.rack, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
