// generated from AddPartitionsToTxnResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AddPartitionsToTxnResponseInfo = {
  name: 'AddPartitionsToTxnResponse',
  apiKey: 24,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface AddPartitionsToTxnResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The response top level error code. */
  errorCode: number
  /** Results categorized by transactional ID. */
  resultsByTransaction: AddPartitionsToTxnResult[]
  /** The results for each topic. */
  resultsByTopicV3AndBelow: AddPartitionsToTxnTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AddPartitionsToTxnTopicResult {
  /** The topic name. */
  name: string
  /** The results for each partition */
  resultsByPartition: AddPartitionsToTxnPartitionResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AddPartitionsToTxnPartitionResult {
  /** The partition indexes. */
  partitionIndex: number
  /** The response error code. */
  partitionErrorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AddPartitionsToTxnResult {
  /** The transactional id corresponding to the transaction. */
  transactionalId: string
  /** The results for each topic. */
  topicResults: AddPartitionsToTxnTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAddPartitionsToTxnResponse(r: Reader, v: number): AddPartitionsToTxnResponse {
  const flex = v >= 3
  const o: AddPartitionsToTxnResponse = {
    throttleTimeMs: r.int32(),
    errorCode: v >= 4 ? r.int16() : 0,
    resultsByTransaction: v >= 4 ? readArray(r, flex, false, (r) => readAddPartitionsToTxnResult(r, v)) : [],
    resultsByTopicV3AndBelow: v <= 3 ? readArray(r, flex, false, (r) => readAddPartitionsToTxnTopicResult(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAddPartitionsToTxnResponse(w: Writer, v: number, m: Input<AddPartitionsToTxnResponse>): void {
  const flex = v >= 3
  w.int32((m.throttleTimeMs ?? 0))
  if (v >= 4) { w.int16((m.errorCode ?? 0)) }
  if (v >= 4) { writeArray(w, flex, false, m.resultsByTransaction, (w, e) => writeAddPartitionsToTxnResult(w, v, e)) }
  if (v <= 3) { writeArray(w, flex, false, m.resultsByTopicV3AndBelow, (w, e) => writeAddPartitionsToTxnTopicResult(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAddPartitionsToTxnTopicResult(): AddPartitionsToTxnTopicResult {
  return {
    name: "",
    resultsByPartition: [],
  }
}

function readAddPartitionsToTxnTopicResult(r: Reader, v: number): AddPartitionsToTxnTopicResult {
  const flex = v >= 3
  const o: AddPartitionsToTxnTopicResult = {
    name: r.string(flex),
    resultsByPartition: readArray(r, flex, false, (r) => readAddPartitionsToTxnPartitionResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAddPartitionsToTxnTopicResult(w: Writer, v: number, m: Input<AddPartitionsToTxnTopicResult>): void {
  const flex = v >= 3
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.resultsByPartition, (w, e) => writeAddPartitionsToTxnPartitionResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAddPartitionsToTxnPartitionResult(): AddPartitionsToTxnPartitionResult {
  return {
    partitionIndex: 0,
    partitionErrorCode: 0,
  }
}

function readAddPartitionsToTxnPartitionResult(r: Reader, v: number): AddPartitionsToTxnPartitionResult {
  const flex = v >= 3
  const o: AddPartitionsToTxnPartitionResult = {
    partitionIndex: r.int32(),
    partitionErrorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAddPartitionsToTxnPartitionResult(w: Writer, v: number, m: Input<AddPartitionsToTxnPartitionResult>): void {
  const flex = v >= 3
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.partitionErrorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAddPartitionsToTxnResult(): AddPartitionsToTxnResult {
  return {
    transactionalId: "",
    topicResults: [],
  }
}

function readAddPartitionsToTxnResult(r: Reader, v: number): AddPartitionsToTxnResult {
  const flex = v >= 3
  const o: AddPartitionsToTxnResult = {
    transactionalId: v >= 4 ? r.string(flex) : "",
    topicResults: v >= 4 ? readArray(r, flex, false, (r) => readAddPartitionsToTxnTopicResult(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAddPartitionsToTxnResult(w: Writer, v: number, m: Input<AddPartitionsToTxnResult>): void {
  const flex = v >= 3
  if (v >= 4) { w.string(m.transactionalId ?? '', flex) }
  if (v >= 4) { writeArray(w, flex, false, m.topicResults, (w, e) => writeAddPartitionsToTxnTopicResult(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
