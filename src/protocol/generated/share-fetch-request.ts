// generated from ShareFetchRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ShareFetchRequestInfo = {
  name: 'ShareFetchRequest',
  apiKey: 78,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface ShareFetchRequest {
  /** The group identifier. */
  groupId: string | null
  /** The member ID. */
  memberId: string | null
  /** The current share session epoch: 0 to open a share session; -1 to close it; otherwise increments for consecutive requests. */
  shareSessionEpoch: number
  /** The maximum time in milliseconds to wait for the response. */
  maxWaitMs: number
  /** The minimum bytes to accumulate in the response. */
  minBytes: number
  /** The maximum bytes to fetch.  See KIP-74 for cases where this limit may not be honored. */
  maxBytes: number
  /** The topics to fetch. */
  topics: FetchTopic[]
  /** The partitions to remove from this share session. */
  forgottenTopicsData: ForgottenTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FetchTopic {
  /** The unique topic ID. */
  topicId: string
  /** The partitions to fetch. */
  partitions: FetchPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FetchPartition {
  /** The partition index. */
  partitionIndex: number
  /** The maximum bytes to fetch from this partition. 0 when only acknowledgement with no fetching is required. See KIP-74 for cases where this limit may not be honored. */
  partitionMaxBytes: number
  /** Record batches to acknowledge. */
  acknowledgementBatches: AcknowledgementBatch[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AcknowledgementBatch {
  /** First offset of batch of records to acknowledge. */
  firstOffset: bigint
  /** Last offset (inclusive) of batch of records to acknowledge. */
  lastOffset: bigint
  /** Array of acknowledge types - 0:Gap,1:Accept,2:Release,3:Reject. */
  acknowledgeTypes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ForgottenTopic {
  /** The unique topic ID. */
  topicId: string
  /** The partitions indexes to forget. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeShareFetchRequest(r: Reader, v: number): ShareFetchRequest {
  const flex = v >= 0
  const o: ShareFetchRequest = {
    groupId: r.nullableString(flex),
    memberId: r.nullableString(flex),
    shareSessionEpoch: r.int32(),
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: r.int32(),
    topics: readArray(r, flex, false, (r) => readFetchTopic(r, v)),
    forgottenTopicsData: readArray(r, flex, false, (r) => readForgottenTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeShareFetchRequest(w: Writer, v: number, m: Input<ShareFetchRequest>): void {
  const flex = v >= 0
  w.nullableString(m.groupId, flex)
  w.nullableString(m.memberId, flex)
  w.int32((m.shareSessionEpoch ?? 0))
  w.int32((m.maxWaitMs ?? 0))
  w.int32((m.minBytes ?? 0))
  w.int32((m.maxBytes ?? 2147483647))
  writeArray(w, flex, false, m.topics, (w, e) => writeFetchTopic(w, v, e))
  writeArray(w, flex, false, m.forgottenTopicsData, (w, e) => writeForgottenTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFetchTopic(): FetchTopic {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readFetchTopic(r: Reader, v: number): FetchTopic {
  const flex = v >= 0
  const o: FetchTopic = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readFetchPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFetchTopic(w: Writer, v: number, m: Input<FetchTopic>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writeFetchPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFetchPartition(): FetchPartition {
  return {
    partitionIndex: 0,
    partitionMaxBytes: 0,
    acknowledgementBatches: [],
  }
}

function readFetchPartition(r: Reader, v: number): FetchPartition {
  const flex = v >= 0
  const o: FetchPartition = {
    partitionIndex: r.int32(),
    partitionMaxBytes: r.int32(),
    acknowledgementBatches: readArray(r, flex, false, (r) => readAcknowledgementBatch(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFetchPartition(w: Writer, v: number, m: Input<FetchPartition>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.partitionMaxBytes ?? 0))
  writeArray(w, flex, false, m.acknowledgementBatches, (w, e) => writeAcknowledgementBatch(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAcknowledgementBatch(): AcknowledgementBatch {
  return {
    firstOffset: 0n,
    lastOffset: 0n,
    acknowledgeTypes: [],
  }
}

function readAcknowledgementBatch(r: Reader, v: number): AcknowledgementBatch {
  const flex = v >= 0
  const o: AcknowledgementBatch = {
    firstOffset: r.int64(),
    lastOffset: r.int64(),
    acknowledgeTypes: readArray(r, flex, false, (r) => r.int8()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAcknowledgementBatch(w: Writer, v: number, m: Input<AcknowledgementBatch>): void {
  const flex = v >= 0
  w.int64((m.firstOffset ?? 0n))
  w.int64((m.lastOffset ?? 0n))
  writeArray(w, flex, false, m.acknowledgeTypes, (w, e) => w.int8(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultForgottenTopic(): ForgottenTopic {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readForgottenTopic(r: Reader, v: number): ForgottenTopic {
  const flex = v >= 0
  const o: ForgottenTopic = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeForgottenTopic(w: Writer, v: number, m: Input<ForgottenTopic>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
