// generated from TxnOffsetCommitResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const TxnOffsetCommitResponseInfo = {
  name: 'TxnOffsetCommitResponse',
  apiKey: 28,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface TxnOffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The responses for each topic. */
  topics: TxnOffsetCommitResponseTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TxnOffsetCommitResponseTopic {
  /** The topic name. */
  name: string
  /** The responses for each partition in the topic. */
  partitions: TxnOffsetCommitResponsePartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TxnOffsetCommitResponsePartition {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeTxnOffsetCommitResponse(r: Reader, v: number): TxnOffsetCommitResponse {
  const flex = v >= 3
  const o: TxnOffsetCommitResponse = {
    throttleTimeMs: r.int32(),
    topics: readArray(r, flex, false, (r) => readTxnOffsetCommitResponseTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeTxnOffsetCommitResponse(w: Writer, v: number, m: Input<TxnOffsetCommitResponse>): void {
  const flex = v >= 3
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeTxnOffsetCommitResponseTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTxnOffsetCommitResponseTopic(): TxnOffsetCommitResponseTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readTxnOffsetCommitResponseTopic(r: Reader, v: number): TxnOffsetCommitResponseTopic {
  const flex = v >= 3
  const o: TxnOffsetCommitResponseTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readTxnOffsetCommitResponsePartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTxnOffsetCommitResponseTopic(w: Writer, v: number, m: Input<TxnOffsetCommitResponseTopic>): void {
  const flex = v >= 3
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeTxnOffsetCommitResponsePartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTxnOffsetCommitResponsePartition(): TxnOffsetCommitResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readTxnOffsetCommitResponsePartition(r: Reader, v: number): TxnOffsetCommitResponsePartition {
  const flex = v >= 3
  const o: TxnOffsetCommitResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTxnOffsetCommitResponsePartition(w: Writer, v: number, m: Input<TxnOffsetCommitResponsePartition>): void {
  const flex = v >= 3
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
