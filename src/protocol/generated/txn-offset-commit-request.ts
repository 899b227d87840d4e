// generated from TxnOffsetCommitRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const TxnOffsetCommitRequestInfo = {
  name: 'TxnOffsetCommitRequest',
  apiKey: 28,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface TxnOffsetCommitRequest {
  /** The ID of the transaction. */
  transactionalId: string
  /** The ID of the group. */
  groupId: string
  /** The current producer ID in use by the transactional ID. */
  producerId: bigint
  /** The current epoch associated with the producer ID. */
  producerEpoch: number
  /** The generation of the consumer. */
  generationId: number
  /** The member ID assigned by the group coordinator. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** Each topic that we want to commit offsets for. */
  topics: TxnOffsetCommitRequestTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TxnOffsetCommitRequestTopic {
  /** The topic name. */
  name: string
  /** The partitions inside the topic that we want to commit offsets for. */
  partitions: TxnOffsetCommitRequestPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TxnOffsetCommitRequestPartition {
  /** The index of the partition within the topic. */
  partitionIndex: number
  /** The message offset to be committed. */
  committedOffset: bigint
  /** The leader epoch of the last consumed record. */
  committedLeaderEpoch: number
  /** Any associated metadata the client wants to keep. */
  committedMetadata: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeTxnOffsetCommitRequest(r: Reader, v: number): TxnOffsetCommitRequest {
  const flex = v >= 3
  const o: TxnOffsetCommitRequest = {
    transactionalId: r.string(flex),
    groupId: r.string(flex),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    generationId: v >= 3 ? r.int32() : -1,
    memberId: v >= 3 ? r.string(flex) : "",
    groupInstanceId: v >= 3 ? r.nullableString(flex) : null,
    topics: readArray(r, flex, false, (r) => readTxnOffsetCommitRequestTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeTxnOffsetCommitRequest(w: Writer, v: number, m: Input<TxnOffsetCommitRequest>): void {
  const flex = v >= 3
  w.string(m.transactionalId ?? '', flex)
  w.string(m.groupId ?? '', flex)
  w.int64((m.producerId ?? 0n))
  w.int16((m.producerEpoch ?? 0))
  if (v >= 3) { w.int32((m.generationId ?? -1)) }
  if (v >= 3) { w.string(m.memberId ?? '', flex) }
  if (v >= 3) { w.nullableString(m.groupInstanceId, flex) }
  writeArray(w, flex, false, m.topics, (w, e) => writeTxnOffsetCommitRequestTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTxnOffsetCommitRequestTopic(): TxnOffsetCommitRequestTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readTxnOffsetCommitRequestTopic(r: Reader, v: number): TxnOffsetCommitRequestTopic {
  const flex = v >= 3
  const o: TxnOffsetCommitRequestTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readTxnOffsetCommitRequestPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTxnOffsetCommitRequestTopic(w: Writer, v: number, m: Input<TxnOffsetCommitRequestTopic>): void {
  const flex = v >= 3
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeTxnOffsetCommitRequestPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTxnOffsetCommitRequestPartition(): TxnOffsetCommitRequestPartition {
  return {
    partitionIndex: 0,
    committedOffset: 0n,
    committedLeaderEpoch: -1,
    committedMetadata: "",
  }
}

function readTxnOffsetCommitRequestPartition(r: Reader, v: number): TxnOffsetCommitRequestPartition {
  const flex = v >= 3
  const o: TxnOffsetCommitRequestPartition = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: v >= 2 ? r.int32() : -1,
    committedMetadata: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTxnOffsetCommitRequestPartition(w: Writer, v: number, m: Input<TxnOffsetCommitRequestPartition>): void {
  const flex = v >= 3
  w.int32((m.partitionIndex ?? 0))
  w.int64((m.committedOffset ?? 0n))
  if (v >= 2) { w.int32((m.committedLeaderEpoch ?? -1)) }
  w.nullableString(m.committedMetadata, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
