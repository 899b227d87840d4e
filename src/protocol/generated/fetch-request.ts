// generated from FetchRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const FetchRequestInfo = {
  name: 'FetchRequest',
  apiKey: 1,
  type: 'request',
  minVersion: 0,
  maxVersion: 17,
  flexibleFrom: 12,
  latestVersionUnstable: false,
} as const

export interface FetchRequest {
  /** The clusterId if known. This is used to validate metadata fetches prior to broker registration. */
  clusterId: string | null
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId: number
  replicaState: ReplicaState | null
  /** The maximum time in milliseconds to wait for the response. */
  maxWaitMs: number
  /** The minimum bytes to accumulate in the response. */
  minBytes: number
  /** The maximum bytes to fetch.  See KIP-74 for cases where this limit may not be honored. */
  maxBytes: number
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records */
  isolationLevel: number
  /** The fetch session ID. */
  sessionId: number
  /** The fetch session epoch, which is used for ordering requests in a session. */
  sessionEpoch: number
  /** The topics to fetch. */
  topics: FetchTopic[]
  /** In an incremental fetch request, the partitions to remove. */
  forgottenTopicsData: ForgottenTopic[]
  /** Rack ID of the consumer making this request */
  rackId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ReplicaState {
  /** The replica ID of the follower, or -1 if this request is from a consumer. */
  replicaId: number
  /** The epoch of this follower, or -1 if not available. */
  replicaEpoch: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FetchTopic {
  /** The name of the topic to fetch. */
  topic: string
  /** The unique topic ID */
  topicId: string
  /** The partitions to fetch. */
  partitions: FetchPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FetchPartition {
  /** The partition index. */
  partition: number
  /** The current leader epoch of the partition. */
  currentLeaderEpoch: number
  /** The message offset. */
  fetchOffset: bigint
  /** The epoch of the last fetched record or -1 if there is none */
  lastFetchedEpoch: number
  /** The earliest available offset of the follower replica.  The field is only used when the request is sent by the follower. */
  logStartOffset: bigint
  /** The maximum bytes to fetch from this partition.  See KIP-74 for cases where this limit may not be honored. */
  partitionMaxBytes: number
  /** The directory id of the follower fetching */
  replicaDirectoryId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ForgottenTopic {
  /** The topic name. */
  topic: string
  /** The unique topic ID */
  topicId: string
  /** The partitions indexes to forget. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeFetchRequest(r: Reader, v: number): FetchRequest {
  const flex = v >= 12
  const o: FetchRequest = {
    clusterId: null,
    replicaId: v <= 14 ? r.int32() : -1,
    replicaState: null,
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: v >= 3 ? r.int32() : 2147483647,
    isolationLevel: v >= 4 ? r.int8() : 0,
    sessionId: v >= 7 ? r.int32() : 0,
    sessionEpoch: v >= 7 ? r.int32() : -1,
    topics: readArray(r, flex, false, (r) => readFetchTopic(r, v)),
    forgottenTopicsData: v >= 7 ? readArray(r, flex, false, (r) => readForgottenTopic(r, v)) : [],
    rackId: v >= 11 ? r.string(flex) : "",
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 12)) return false
          o.clusterId = r.nullableString(true)
          return true
        case 1:
          if (!(v >= 15)) return false
          o.replicaState = readReplicaState(r, v)
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeFetchRequest(w: Writer, v: number, m: Input<FetchRequest>): void {
  const flex = v >= 12
  if (v <= 14) { w.int32((m.replicaId ?? -1)) }
  w.int32((m.maxWaitMs ?? 0))
  w.int32((m.minBytes ?? 0))
  if (v >= 3) { w.int32((m.maxBytes ?? 2147483647)) }
  if (v >= 4) { w.int8((m.isolationLevel ?? 0)) }
  if (v >= 7) { w.int32((m.sessionId ?? 0)) }
  if (v >= 7) { w.int32((m.sessionEpoch ?? -1)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeFetchTopic(w, v, e))
  if (v >= 7) { writeArray(w, flex, false, m.forgottenTopicsData, (w, e) => writeForgottenTopic(w, v, e)) }
  if (v >= 11) { w.string(m.rackId ?? '', flex) }
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 12) && m.clusterId !== undefined && m.clusterId !== null) (t ??= []).push([0, (w) => { w.string(m.clusterId! ?? '', true) }])
    if ((v >= 15) && m.replicaState != null) (t ??= []).push([1, (w) => { writeReplicaState(w, v, m.replicaState! ?? {}) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultReplicaState(): ReplicaState {
  return {
    replicaId: -1,
    replicaEpoch: -1n,
  }
}

function readReplicaState(r: Reader, v: number): ReplicaState {
  const flex = v >= 12
  const o: ReplicaState = {
    replicaId: v >= 15 ? r.int32() : -1,
    replicaEpoch: v >= 15 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeReplicaState(w: Writer, v: number, m: Input<ReplicaState>): void {
  const flex = v >= 12
  if (v >= 15) { w.int32((m.replicaId ?? -1)) }
  if (v >= 15) { w.int64((m.replicaEpoch ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFetchTopic(): FetchTopic {
  return {
    topic: "",
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readFetchTopic(r: Reader, v: number): FetchTopic {
  const flex = v >= 12
  const o: FetchTopic = {
    topic: v <= 12 ? r.string(flex) : "",
    topicId: v >= 13 ? r.uuid() : ZERO_UUID,
    partitions: readArray(r, flex, false, (r) => readFetchPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFetchTopic(w: Writer, v: number, m: Input<FetchTopic>): void {
  const flex = v >= 12
  if (v <= 12) { w.string(m.topic ?? '', flex) }
  if (v >= 13) { w.uuid((m.topicId ?? ZERO_UUID)) }
  writeArray(w, flex, false, m.partitions, (w, e) => writeFetchPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFetchPartition(): FetchPartition {
  return {
    partition: 0,
    currentLeaderEpoch: -1,
    fetchOffset: 0n,
    lastFetchedEpoch: -1,
    logStartOffset: -1n,
    partitionMaxBytes: 0,
    replicaDirectoryId: ZERO_UUID,
  }
}

function readFetchPartition(r: Reader, v: number): FetchPartition {
  const flex = v >= 12
  const o: FetchPartition = {
    partition: r.int32(),
    currentLeaderEpoch: v >= 9 ? r.int32() : -1,
    fetchOffset: r.int64(),
    lastFetchedEpoch: v >= 12 ? r.int32() : -1,
    logStartOffset: v >= 5 ? r.int64() : -1n,
    partitionMaxBytes: r.int32(),
    replicaDirectoryId: ZERO_UUID,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 17)) return false
          o.replicaDirectoryId = r.uuid()
          return true
        default:
          return false
      }
    })
  }
  return o
}

function writeFetchPartition(w: Writer, v: number, m: Input<FetchPartition>): void {
  const flex = v >= 12
  w.int32((m.partition ?? 0))
  if (v >= 9) { w.int32((m.currentLeaderEpoch ?? -1)) }
  w.int64((m.fetchOffset ?? 0n))
  if (v >= 12) { w.int32((m.lastFetchedEpoch ?? -1)) }
  if (v >= 5) { w.int64((m.logStartOffset ?? -1n)) }
  w.int32((m.partitionMaxBytes ?? 0))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 17) && m.replicaDirectoryId !== undefined && m.replicaDirectoryId !== ZERO_UUID) (t ??= []).push([0, (w) => { w.uuid((m.replicaDirectoryId! ?? ZERO_UUID)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultForgottenTopic(): ForgottenTopic {
  return {
    topic: "",
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readForgottenTopic(r: Reader, v: number): ForgottenTopic {
  const flex = v >= 12
  const o: ForgottenTopic = {
    topic: v >= 7 && v <= 12 ? r.string(flex) : "",
    topicId: v >= 13 ? r.uuid() : ZERO_UUID,
    partitions: v >= 7 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeForgottenTopic(w: Writer, v: number, m: Input<ForgottenTopic>): void {
  const flex = v >= 12
  if (v >= 7 && v <= 12) { w.string(m.topic ?? '', flex) }
  if (v >= 13) { w.uuid((m.topicId ?? ZERO_UUID)) }
  if (v >= 7) { writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
