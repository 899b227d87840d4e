// generated from FetchResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const FetchResponseInfo = {
  name: 'FetchResponse',
  apiKey: 1,
  type: 'response',
  minVersion: 0,
  maxVersion: 17,
  flexibleFrom: 12,
  latestVersionUnstable: false,
} as const

export interface FetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top level response error code. */
  errorCode: number
  /** The fetch session ID, or 0 if this is not part of a fetch session. */
  sessionId: number
  /** The response topics. */
  responses: FetchableTopicResponse[]
  /** Endpoints for all current-leaders enumerated in PartitionData, with errors NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH. */
  nodeEndpoints: NodeEndpoint[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FetchableTopicResponse {
  /** The topic name. */
  topic: string
  /** The unique topic ID */
  topicId: string
  /** The topic partitions. */
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no fetch error. */
  errorCode: number
  /** The current high water mark. */
  highWatermark: bigint
  /** The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED) */
  lastStableOffset: bigint
  /** The current log start offset. */
  logStartOffset: bigint
  /** In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the request, this field indicates the largest epoch and its end offset such that subsequent records are known to diverge */
  divergingEpoch: EpochEndOffset | null
  currentLeader: LeaderIdAndEpoch | null
  /** In the case of fetching an offset less than the LogStartOffset, this is the end offset and epoch that should be used in the FetchSnapshot request. */
  snapshotId: SnapshotId | null
  /** The aborted transactions. */
  abortedTransactions: AbortedTransaction[] | null
  /** The preferred read replica for the consumer to use on its next fetch request */
  preferredReadReplica: number
  /** The record data. */
  records: Buffer | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EpochEndOffset {
  epoch: number
  endOffset: bigint
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

export interface SnapshotId {
  endOffset: bigint
  epoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AbortedTransaction {
  /** The producer id associated with the aborted transaction. */
  producerId: bigint
  /** The first offset in the aborted transaction. */
  firstOffset: bigint
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

export function decodeFetchResponse(r: Reader, v: number): FetchResponse {
  const flex = v >= 12
  const o: FetchResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    errorCode: v >= 7 ? r.int16() : 0,
    sessionId: v >= 7 ? r.int32() : 0,
    responses: readArray(r, flex, false, (r) => readFetchableTopicResponse(r, v)),
    nodeEndpoints: [],
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 16)) return false
          o.nodeEndpoints = readArray(r, true, false, (r) => readNodeEndpoint(r, v))
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeFetchResponse(w: Writer, v: number, m: Input<FetchResponse>): void {
  const flex = v >= 12
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  if (v >= 7) { w.int16((m.errorCode ?? 0)) }
  if (v >= 7) { w.int32((m.sessionId ?? 0)) }
  writeArray(w, flex, false, m.responses, (w, e) => writeFetchableTopicResponse(w, v, e))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 16) && m.nodeEndpoints != null && m.nodeEndpoints.length > 0) (t ??= []).push([0, (w) => { writeArray(w, true, false, m.nodeEndpoints!, (w, e) => writeNodeEndpoint(w, v, e)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultFetchableTopicResponse(): FetchableTopicResponse {
  return {
    topic: "",
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readFetchableTopicResponse(r: Reader, v: number): FetchableTopicResponse {
  const flex = v >= 12
  const o: FetchableTopicResponse = {
    topic: v <= 12 ? r.string(flex) : "",
    topicId: v >= 13 ? r.uuid() : ZERO_UUID,
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFetchableTopicResponse(w: Writer, v: number, m: Input<FetchableTopicResponse>): void {
  const flex = v >= 12
  if (v <= 12) { w.string(m.topic ?? '', flex) }
  if (v >= 13) { w.uuid((m.topicId ?? ZERO_UUID)) }
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    highWatermark: 0n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    divergingEpoch: null,
    currentLeader: null,
    snapshotId: null,
    abortedTransactions: [],
    preferredReadReplica: -1,
    records: null,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 12
  const o: PartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    highWatermark: r.int64(),
    lastStableOffset: v >= 4 ? r.int64() : -1n,
    logStartOffset: v >= 5 ? r.int64() : -1n,
    divergingEpoch: null,
    currentLeader: null,
    snapshotId: null,
    abortedTransactions: v >= 4 ? readArray(r, flex, true, (r) => readAbortedTransaction(r, v)) : [],
    preferredReadReplica: v >= 11 ? r.int32() : -1,
    records: r.nullableBytes(flex),
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 12)) return false
          o.divergingEpoch = readEpochEndOffset(r, v)
          return true
        case 1:
          if (!(v >= 12)) return false
          o.currentLeader = readLeaderIdAndEpoch(r, v)
          return true
        case 2:
          if (!(v >= 12)) return false
          o.snapshotId = readSnapshotId(r, v)
          return true
        default:
          return false
      }
    })
  }
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 12
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int64((m.highWatermark ?? 0n))
  if (v >= 4) { w.int64((m.lastStableOffset ?? -1n)) }
  if (v >= 5) { w.int64((m.logStartOffset ?? -1n)) }
  if (v >= 4) { writeArray(w, flex, true, m.abortedTransactions, (w, e) => writeAbortedTransaction(w, v, e)) }
  if (v >= 11) { w.int32((m.preferredReadReplica ?? -1)) }
  w.records(m.records, flex)
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 12) && m.divergingEpoch != null) (t ??= []).push([0, (w) => { writeEpochEndOffset(w, v, m.divergingEpoch! ?? {}) }])
    if ((v >= 12) && m.currentLeader != null) (t ??= []).push([1, (w) => { writeLeaderIdAndEpoch(w, v, m.currentLeader! ?? {}) }])
    if ((v >= 12) && m.snapshotId != null) (t ??= []).push([2, (w) => { writeSnapshotId(w, v, m.snapshotId! ?? {}) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultEpochEndOffset(): EpochEndOffset {
  return {
    epoch: -1,
    endOffset: -1n,
  }
}

function readEpochEndOffset(r: Reader, v: number): EpochEndOffset {
  const flex = v >= 12
  const o: EpochEndOffset = {
    epoch: v >= 12 ? r.int32() : -1,
    endOffset: v >= 12 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEpochEndOffset(w: Writer, v: number, m: Input<EpochEndOffset>): void {
  const flex = v >= 12
  if (v >= 12) { w.int32((m.epoch ?? -1)) }
  if (v >= 12) { w.int64((m.endOffset ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultLeaderIdAndEpoch(): LeaderIdAndEpoch {
  return {
    leaderId: -1,
    leaderEpoch: -1,
  }
}

function readLeaderIdAndEpoch(r: Reader, v: number): LeaderIdAndEpoch {
  const flex = v >= 12
  const o: LeaderIdAndEpoch = {
    leaderId: v >= 12 ? r.int32() : -1,
    leaderEpoch: v >= 12 ? r.int32() : -1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeLeaderIdAndEpoch(w: Writer, v: number, m: Input<LeaderIdAndEpoch>): void {
  const flex = v >= 12
  if (v >= 12) { w.int32((m.leaderId ?? -1)) }
  if (v >= 12) { w.int32((m.leaderEpoch ?? -1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultSnapshotId(): SnapshotId {
  return {
    endOffset: -1n,
    epoch: -1,
  }
}

function readSnapshotId(r: Reader, v: number): SnapshotId {
  const flex = v >= 12
  const o: SnapshotId = {
    endOffset: r.int64(),
    epoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeSnapshotId(w: Writer, v: number, m: Input<SnapshotId>): void {
  const flex = v >= 12
  w.int64((m.endOffset ?? -1n))
  w.int32((m.epoch ?? -1))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAbortedTransaction(): AbortedTransaction {
  return {
    producerId: 0n,
    firstOffset: 0n,
  }
}

function readAbortedTransaction(r: Reader, v: number): AbortedTransaction {
  const flex = v >= 12
  const o: AbortedTransaction = {
    producerId: v >= 4 ? r.int64() : 0n,
    firstOffset: v >= 4 ? r.int64() : 0n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAbortedTransaction(w: Writer, v: number, m: Input<AbortedTransaction>): void {
  const flex = v >= 12
  if (v >= 4) { w.int64((m.producerId ?? 0n)) }
  if (v >= 4) { w.int64((m.firstOffset ?? 0n)) }
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
  const flex = v >= 12
  const o: NodeEndpoint = {
    nodeId: v >= 16 ? r.int32() : 0,
    host: v >= 16 ? r.string(flex) : "",
    port: v >= 16 ? r.int32() : 0,
    rack: v >= 16 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeNodeEndpoint(w: Writer, v: number, m: Input<NodeEndpoint>): void {
  const flex = v >= 12
  if (v >= 16) { w.int32((m.nodeId ?? 0)) }
  if (v >= 16) { w.string(m.host ?? '', flex) }
  if (v >= 16) { w.int32((m.port ?? 0)) }
  if (v >= 16) { w.nullableString(m.rack, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
