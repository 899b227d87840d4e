// generated from FetchSnapshotRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const FetchSnapshotRequestInfo = {
  name: 'FetchSnapshotRequest',
  apiKey: 59,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface FetchSnapshotRequest {
  /** The clusterId if known, this is used to validate metadata fetches prior to broker registration */
  clusterId: string | null
  /** The broker ID of the follower */
  replicaId: number
  /** The maximum bytes to fetch from all of the snapshots */
  maxBytes: number
  /** The topics to fetch */
  topics: TopicSnapshot[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicSnapshot {
  /** The name of the topic to fetch */
  name: string
  /** The partitions to fetch */
  partitions: PartitionSnapshot[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionSnapshot {
  /** The partition index */
  partition: number
  /** The current leader epoch of the partition, -1 for unknown leader epoch */
  currentLeaderEpoch: number
  /** The snapshot endOffset and epoch to fetch */
  snapshotId: SnapshotId
  /** The byte position within the snapshot to start fetching from */
  position: bigint
  /** The directory id of the follower fetching */
  replicaDirectoryId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface SnapshotId {
  endOffset: bigint
  epoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeFetchSnapshotRequest(r: Reader, v: number): FetchSnapshotRequest {
  const flex = v >= 0
  const o: FetchSnapshotRequest = {
    clusterId: null,
    replicaId: r.int32(),
    maxBytes: r.int32(),
    topics: readArray(r, flex, false, (r) => readTopicSnapshot(r, v)),
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          o.clusterId = r.nullableString(true)
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeFetchSnapshotRequest(w: Writer, v: number, m: Input<FetchSnapshotRequest>): void {
  const flex = v >= 0
  w.int32((m.replicaId ?? -1))
  w.int32((m.maxBytes ?? 2147483647))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicSnapshot(w, v, e))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if (m.clusterId !== undefined && m.clusterId !== null) (t ??= []).push([0, (w) => { w.string(m.clusterId! ?? '', true) }])
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
    partition: 0,
    currentLeaderEpoch: 0,
    snapshotId: defaultSnapshotId(),
    position: 0n,
    replicaDirectoryId: ZERO_UUID,
  }
}

function readPartitionSnapshot(r: Reader, v: number): PartitionSnapshot {
  const flex = v >= 0
  const o: PartitionSnapshot = {
    partition: r.int32(),
    currentLeaderEpoch: r.int32(),
    snapshotId: readSnapshotId(r, v),
    position: r.int64(),
    replicaDirectoryId: ZERO_UUID,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 1)) return false
          o.replicaDirectoryId = r.uuid()
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
  w.int32((m.partition ?? 0))
  w.int32((m.currentLeaderEpoch ?? 0))
  writeSnapshotId(w, v, m.snapshotId ?? {})
  w.int64((m.position ?? 0n))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 1) && m.replicaDirectoryId !== undefined && m.replicaDirectoryId !== ZERO_UUID) (t ??= []).push([0, (w) => { w.uuid((m.replicaDirectoryId! ?? ZERO_UUID)) }])
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
