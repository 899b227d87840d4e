// generated from ShareAcknowledgeRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ShareAcknowledgeRequestInfo = {
  name: 'ShareAcknowledgeRequest',
  apiKey: 79,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface ShareAcknowledgeRequest {
  /** The group identifier. */
  groupId: string | null
  /** The member ID. */
  memberId: string | null
  /** The current share session epoch: 0 to open a share session; -1 to close it; otherwise increments for consecutive requests. */
  shareSessionEpoch: number
  /** The topics containing records to acknowledge. */
  topics: AcknowledgeTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AcknowledgeTopic {
  /** The unique topic ID. */
  topicId: string
  /** The partitions containing records to acknowledge. */
  partitions: AcknowledgePartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AcknowledgePartition {
  /** The partition index. */
  partitionIndex: number
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

export function decodeShareAcknowledgeRequest(r: Reader, v: number): ShareAcknowledgeRequest {
  const flex = v >= 0
  const o: ShareAcknowledgeRequest = {
    groupId: r.nullableString(flex),
    memberId: r.nullableString(flex),
    shareSessionEpoch: r.int32(),
    topics: readArray(r, flex, false, (r) => readAcknowledgeTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeShareAcknowledgeRequest(w: Writer, v: number, m: Input<ShareAcknowledgeRequest>): void {
  const flex = v >= 0
  w.nullableString(m.groupId, flex)
  w.nullableString(m.memberId, flex)
  w.int32((m.shareSessionEpoch ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeAcknowledgeTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAcknowledgeTopic(): AcknowledgeTopic {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readAcknowledgeTopic(r: Reader, v: number): AcknowledgeTopic {
  const flex = v >= 0
  const o: AcknowledgeTopic = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readAcknowledgePartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAcknowledgeTopic(w: Writer, v: number, m: Input<AcknowledgeTopic>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writeAcknowledgePartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAcknowledgePartition(): AcknowledgePartition {
  return {
    partitionIndex: 0,
    acknowledgementBatches: [],
  }
}

function readAcknowledgePartition(r: Reader, v: number): AcknowledgePartition {
  const flex = v >= 0
  const o: AcknowledgePartition = {
    partitionIndex: r.int32(),
    acknowledgementBatches: readArray(r, flex, false, (r) => readAcknowledgementBatch(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAcknowledgePartition(w: Writer, v: number, m: Input<AcknowledgePartition>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
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
