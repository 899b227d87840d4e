// generated from FetchSnapshotResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const FetchSnapshotResponseInfo = {
  name: 'FetchSnapshotResponse',
  apiKey: 59,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface FetchSnapshotResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top level response error code. */
  errorCode: number
  /** The topics to fetch. */
  topics: TopicSnapshot[]
  /** Endpoints for all current-leaders enumerated in PartitionSnapshot */
  nodeEndpoints: NodeEndpoint[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicSnapshot {
  /** The name of the topic to fetch. */
  name: string
  /** The partitions to fetch. */
  partitions: PartitionSnapshot[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionSnapshot {
  /** The partition index. */
  index: number
  /** The error code, or 0 if there was no fetch error. */
  errorCode: number
  /** The snapshot endOffset and epoch fetched */
  snapshotId: SnapshotId
  currentLeader: LeaderIdAndEpoch | null
  /** The total size of the snapshot. */
  size: bigint
  /** The starting byte position within the snapshot included in the Bytes field. */
  position: bigint
  /** Snapshot data in records format which may not be aligned on an offset boundary */
  unalignedRecords: Buffer | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface SnapshotId {
  endOffset: bigint
  epoch: number
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
  /** The ID of the associated node */
  nodeId: number
  /** The node's hostname */
  host: string
  /** The node's port */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeFetchSnapshotResponse(r: Reader, v: number): FetchSnapshotResponse {
  const flex = v >= 0
  const o: FetchSnapshotResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    topics: readArray(r, flex, false, (r) => readTopicSnapshot(r, v)),
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

export function encodeFetchSnapshotResponse(w: Writer, v: number, m: Input<FetchSnapshotResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicSnapshot(w, v, e))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 1) && m.nodeEndpoints != null && m.nodeEndpoints.length > 0) (t ??= []).push([0, (w) => { writeArray(w, true, false, m.nodeEndpoints!, (w, e) => writeNodeEndpoint(w, v, e)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultTopicSnapshot(): TopicSnapshot {
  return {
    name: "",
    partitions: [],
  }
}

function readTopicSnapshot(r: Reader, v: number): TopicSnapshot {
  const flex = v >= 0
  const o: TopicSnapshot = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readPartitionSnapshot(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicSnapshot(w: Writer, v: number, m: Input<TopicSnapshot>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionSnapshot(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionSnapshot(): PartitionSnapshot {
  return {
    index: 0,
    errorCode: 0,
    snapshotId: defaultSnapshotId(),
    currentLeader: null,
    size: 0n,
    position: 0n,
    unalignedRecords: null,
  }
}

function readPartitionSnapshot(r: Reader, v: number): PartitionSnapshot {
  const flex = v >= 0
  const o: PartitionSnapshot = {
    index: r.int32(),
    errorCode: r.int16(),
    snapshotId: readSnapshotId(r, v),
    currentLeader: null,
    size: r.int64(),
    position: r.int64(),
    unalignedRecords: r.nullableBytes(flex),
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          o.currentLeader = readLeaderIdAndEpoch(r, v)
          return true
        default:
          return false
      }
    })
  }
  return o
}

function writePartitionSnapshot(w: Writer, v: number, m: Input<PartitionSnapshot>): void {
  const flex = v >= 0
  w.int32((m.index ?? 0))
  w.int16((m.errorCode ?? 0))
  writeSnapshotId(w, v, m.snapshotId ?? {})
  w.int64((m.size ?? 0n))
  w.int64((m.position ?? 0n))
  w.records(m.unalignedRecords, flex)
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if (m.currentLeader != null) (t ??= []).push([0, (w) => { writeLeaderIdAndEpoch(w, v, m.currentLeader! ?? {}) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultSnapshotId(): SnapshotId {
  return {
    endOffset: 0n,
    epoch: 0,
  }
}

function readSnapshotId(r: Reader, v: number): SnapshotId {
  const flex = v >= 0
  const o: SnapshotId = {
    endOffset: r.int64(),
    epoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeSnapshotId(w: Writer, v: number, m: Input<SnapshotId>): void {
  const flex = v >= 0
  w.int64((m.endOffset ?? 0n))
  w.int32((m.epoch ?? 0))
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
  }
}

function readNodeEndpoint(r: Reader, v: number): NodeEndpoint {
  const flex = v >= 0
  const o: NodeEndpoint = {
    nodeId: v >= 1 ? r.int32() : 0,
    host: v >= 1 ? r.string(flex) : "",
    port: v >= 1 ? r.uint16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeNodeEndpoint(w: Writer, v: number, m: Input<NodeEndpoint>): void {
  const flex = v >= 0
  if (v >= 1) { w.int32((m.nodeId ?? 0)) }
  if (v >= 1) { w.string(m.host ?? '', flex) }
  if (v >= 1) { w.uint16((m.port ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
