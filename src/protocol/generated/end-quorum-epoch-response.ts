// generated from EndQuorumEpochResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const EndQuorumEpochResponseInfo = {
  name: 'EndQuorumEpochResponse',
  apiKey: 54,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface EndQuorumEpochResponse {
  /** The top level error code. */
  errorCode: number
  topics: TopicData[]
  /** Endpoints for all leaders enumerated in PartitionData */
  nodeEndpoints: NodeEndpoint[]
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
  errorCode: number
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number
  /** The latest known leader epoch */
  leaderEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface NodeEndpoint {
  /** The ID of the associated node */
  nodeId: number
  /** The node's hostname */
  host: string
  /** The node's port */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeEndQuorumEpochResponse(r: Reader, v: number): EndQuorumEpochResponse {
  const flex = v >= 1
  const o: EndQuorumEpochResponse = {
    errorCode: r.int16(),
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
    nodeEndpoints: [],
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 1)) return false
          o.nodeEndpoints = readArray(r, true, false, (r) => readNodeEndpoint(r, v))
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeEndQuorumEpochResponse(w: Writer, v: number, m: Input<EndQuorumEpochResponse>): void {
  const flex = v >= 1
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 1) && m.nodeEndpoints != null && m.nodeEndpoints.length > 0) (t ??= []).push([0, (w) => { writeArray(w, true, false, m.nodeEndpoints!, (w, e) => writeNodeEndpoint(w, v, e)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
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
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 1
  const o: PartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 1
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int32((m.leaderId ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultNodeEndpoint(): NodeEndpoint {
  return {
    nodeId: 0,
    host: "",
    port: 0,
  }
}

function readNodeEndpoint(r: Reader, v: number): NodeEndpoint {
  const flex = v >= 1
  const o: NodeEndpoint = {
    nodeId: v >= 1 ? r.int32() : 0,
    host: v >= 1 ? r.string(flex) : "",
    port: v >= 1 ? r.uint16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeNodeEndpoint(w: Writer, v: number, m: Input<NodeEndpoint>): void {
  const flex = v >= 1
  if (v >= 1) { w.int32((m.nodeId ?? 0)) }
  if (v >= 1) { w.string(m.host ?? '', flex) }
  if (v >= 1) { w.uint16((m.port ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
