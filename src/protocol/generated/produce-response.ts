// generated from ProduceResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ProduceResponseInfo = {
  name: 'ProduceResponse',
  apiKey: 0,
  type: 'response',
  minVersion: 0,
  maxVersion: 11,
  flexibleFrom: 9,
  latestVersionUnstable: false,
} as const

export interface ProduceResponse {
  /** Each produce response */
  responses: TopicProduceResponse[]
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Endpoints for all current-leaders enumerated in PartitionProduceResponses, with errors NOT_LEADER_OR_FOLLOWER. */
  nodeEndpoints: NodeEndpoint[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicProduceResponse {
  /** The topic name */
  name: string
  /** Each partition that we produced to within the topic. */
  partitionResponses: PartitionProduceResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionProduceResponse {
  /** The partition index. */
  index: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The base offset. */
  baseOffset: bigint
  /** The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1.  If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended. */
  logAppendTimeMs: bigint
  /** The log start offset. */
  logStartOffset: bigint
  /** The batch indices of records that caused the batch to be dropped */
  recordErrors: BatchIndexAndErrorMessage[]
  /** The global error message summarizing the common root cause of the records that caused the batch to be dropped */
  errorMessage: string | null
  currentLeader: LeaderIdAndEpoch | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface BatchIndexAndErrorMessage {
  /** The batch index of the record that cause the batch to be dropped */
  batchIndex: number
  /** The error message of the record that caused the batch to be dropped */
  batchIndexErrorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface LeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number
  /** The latest known leader epoch */
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

export function decodeProduceResponse(r: Reader, v: number): ProduceResponse {
  const flex = v >= 9
  const o: ProduceResponse = {
    responses: readArray(r, flex, false, (r) => readTopicProduceResponse(r, v)),
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    nodeEndpoints: [],
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 10)) return false
          o.nodeEndpoints = readArray(r, true, false, (r) => readNodeEndpoint(r, v))
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeProduceResponse(w: Writer, v: number, m: Input<ProduceResponse>): void {
  const flex = v >= 9
  writeArray(w, flex, false, m.responses, (w, e) => writeTopicProduceResponse(w, v, e))
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 10) && m.nodeEndpoints != null && m.nodeEndpoints.length > 0) (t ??= []).push([0, (w) => { writeArray(w, true, false, m.nodeEndpoints!, (w, e) => writeNodeEndpoint(w, v, e)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultTopicProduceResponse(): TopicProduceResponse {
  return {
    name: "",
    partitionResponses: [],
  }
}

function readTopicProduceResponse(r: Reader, v: number): TopicProduceResponse {
  const flex = v >= 9
  const o: TopicProduceResponse = {
    name: r.string(flex),
    partitionResponses: readArray(r, flex, false, (r) => readPartitionProduceResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicProduceResponse(w: Writer, v: number, m: Input<TopicProduceResponse>): void {
  const flex = v >= 9
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitionResponses, (w, e) => writePartitionProduceResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionProduceResponse(): PartitionProduceResponse {
  return {
    index: 0,
    errorCode: 0,
    baseOffset: 0n,
    logAppendTimeMs: -1n,
    logStartOffset: -1n,
    recordErrors: [],
    errorMessage: null,
    currentLeader: null,
  }
}

function readPartitionProduceResponse(r: Reader, v: number): PartitionProduceResponse {
  const flex = v >= 9
  const o: PartitionProduceResponse = {
    index: r.int32(),
    errorCode: r.int16(),
    baseOffset: r.int64(),
    logAppendTimeMs: v >= 2 ? r.int64() : -1n,
    logStartOffset: v >= 5 ? r.int64() : -1n,
    recordErrors: v >= 8 ? readArray(r, flex, false, (r) => readBatchIndexAndErrorMessage(r, v)) : [],
    errorMessage: v >= 8 ? r.nullableString(flex) : null,
    currentLeader: null,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 10)) return false
          o.currentLeader = readLeaderIdAndEpoch(r, v)
          return true
        default:
          return false
      }
    })
  }
  return o
}

function writePartitionProduceResponse(w: Writer, v: number, m: Input<PartitionProduceResponse>): void {
  const flex = v >= 9
  w.int32((m.index ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int64((m.baseOffset ?? 0n))
  if (v >= 2) { w.int64((m.logAppendTimeMs ?? -1n)) }
  if (v >= 5) { w.int64((m.logStartOffset ?? -1n)) }
  if (v >= 8) { writeArray(w, flex, false, m.recordErrors, (w, e) => writeBatchIndexAndErrorMessage(w, v, e)) }
  if (v >= 8) { w.nullableString(m.errorMessage, flex) }
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 10) && m.currentLeader != null) (t ??= []).push([0, (w) => { writeLeaderIdAndEpoch(w, v, m.currentLeader! ?? {}) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultBatchIndexAndErrorMessage(): BatchIndexAndErrorMessage {
  return {
    batchIndex: 0,
    batchIndexErrorMessage: null,
  }
}

function readBatchIndexAndErrorMessage(r: Reader, v: number): BatchIndexAndErrorMessage {
  const flex = v >= 9
  const o: BatchIndexAndErrorMessage = {
    batchIndex: v >= 8 ? r.int32() : 0,
    batchIndexErrorMessage: v >= 8 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeBatchIndexAndErrorMessage(w: Writer, v: number, m: Input<BatchIndexAndErrorMessage>): void {
  const flex = v >= 9
  if (v >= 8) { w.int32((m.batchIndex ?? 0)) }
  if (v >= 8) { w.nullableString(m.batchIndexErrorMessage, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderIdAndEpoch(): LeaderIdAndEpoch {
  return {
    leaderId: -1,
    leaderEpoch: -1,
  }
}

function readLeaderIdAndEpoch(r: Reader, v: number): LeaderIdAndEpoch {
  const flex = v >= 9
  const o: LeaderIdAndEpoch = {
    leaderId: v >= 10 ? r.int32() : -1,
    leaderEpoch: v >= 10 ? r.int32() : -1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderIdAndEpoch(w: Writer, v: number, m: Input<LeaderIdAndEpoch>): void {
  const flex = v >= 9
  if (v >= 10) { w.int32((m.leaderId ?? -1)) }
  if (v >= 10) { w.int32((m.leaderEpoch ?? -1)) }
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
  const flex = v >= 9
  const o: NodeEndpoint = {
    nodeId: v >= 10 ? r.int32() : 0,
    host: v >= 10 ? r.string(flex) : "",
    port: v >= 10 ? r.int32() : 0,
    rack: v >= 10 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeNodeEndpoint(w: Writer, v: number, m: Input<NodeEndpoint>): void {
  const flex = v >= 9
  if (v >= 10) { w.int32((m.nodeId ?? 0)) }
  if (v >= 10) { w.string(m.host ?? '', flex) }
  if (v >= 10) { w.int32((m.port ?? 0)) }
  if (v >= 10) { w.nullableString(m.rack, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
