// generated from DescribeTransactionsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeTransactionsResponseInfo = {
  name: 'DescribeTransactionsResponse',
  apiKey: 65,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeTransactionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  transactionStates: TransactionState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TransactionState {
  errorCode: number
  transactionalId: string
  transactionState: string
  transactionTimeoutMs: number
  transactionStartTimeMs: bigint
  producerId: bigint
  producerEpoch: number
  /** The set of partitions included in the current transaction (if active). When a transaction is preparing to commit or abort, this will include only partitions which do not have markers. */
  topics: TopicData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  topic: string
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeTransactionsResponse(r: Reader, v: number): DescribeTransactionsResponse {
  const flex = v >= 0
  const o: DescribeTransactionsResponse = {
    throttleTimeMs: r.int32(),
    transactionStates: readArray(r, flex, false, (r) => readTransactionState(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeTransactionsResponse(w: Writer, v: number, m: Input<DescribeTransactionsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.transactionStates, (w, e) => writeTransactionState(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTransactionState(): TransactionState {
  return {
    errorCode: 0,
    transactionalId: "",
    transactionState: "",
    transactionTimeoutMs: 0,
    transactionStartTimeMs: 0n,
    producerId: 0n,
    producerEpoch: 0,
    topics: [],
  }
}

function readTransactionState(r: Reader, v: number): TransactionState {
  const flex = v >= 0
  const o: TransactionState = {
    errorCode: r.int16(),
    transactionalId: r.string(flex),
    transactionState: r.string(flex),
    transactionTimeoutMs: r.int32(),
    transactionStartTimeMs: r.int64(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTransactionState(w: Writer, v: number, m: Input<TransactionState>): void {
  const flex = v >= 0
  w.int16((m.errorCode ?? 0))
  w.string(m.transactionalId ?? '', flex)
  w.string(m.transactionState ?? '', flex)
  w.int32((m.transactionTimeoutMs ?? 0))
  w.int64((m.transactionStartTimeMs ?? 0n))
  w.int64((m.producerId ?? 0n))
  w.int16((m.producerEpoch ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topic: "",
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 0
  const o: TopicData = {
    topic: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 0
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
