// generated from AddPartitionsToTxnRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AddPartitionsToTxnRequestInfo = {
  name: 'AddPartitionsToTxnRequest',
  apiKey: 24,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface AddPartitionsToTxnRequest {
  /** List of transactions to add partitions to. */
  transactions: AddPartitionsToTxnTransaction[]
  /** The transactional id corresponding to the transaction. */
  v3AndBelowTransactionalId: string
  /** Current producer id in use by the transactional id. */
  v3AndBelowProducerId: bigint
  /** Current epoch associated with the producer id. */
  v3AndBelowProducerEpoch: number
  /** The partitions to add to the transaction. */
  v3AndBelowTopics: AddPartitionsToTxnTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AddPartitionsToTxnTopic {
  /** The name of the topic. */
  name: string
  /** The partition indexes to add to the transaction */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AddPartitionsToTxnTransaction {
  /** The transactional id corresponding to the transaction. */
  transactionalId: string
  /** Current producer id in use by the transactional id. */
  producerId: bigint
  /** Current epoch associated with the producer id. */
  producerEpoch: number
  /** Boolean to signify if we want to check if the partition is in the transaction rather than add it. */
  verifyOnly: boolean
  /** The partitions to add to the transaction. */
  topics: AddPartitionsToTxnTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAddPartitionsToTxnRequest(r: Reader, v: number): AddPartitionsToTxnRequest {
  const flex = v >= 3
  const o: AddPartitionsToTxnRequest = {
    transactions: v >= 4 ? readArray(r, flex, false, (r) => readAddPartitionsToTxnTransaction(r, v)) : [],
    v3AndBelowTransactionalId: v <= 3 ? r.string(flex) : "",
    v3AndBelowProducerId: v <= 3 ? r.int64() : 0n,
    v3AndBelowProducerEpoch: v <= 3 ? r.int16() : 0,
    v3AndBelowTopics: v <= 3 ? readArray(r, flex, false, (r) => readAddPartitionsToTxnTopic(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAddPartitionsToTxnRequest(w: Writer, v: number, m: Input<AddPartitionsToTxnRequest>): void {
  const flex = v >= 3
  if (v >= 4) { writeArray(w, flex, false, m.transactions, (w, e) => writeAddPartitionsToTxnTransaction(w, v, e)) }
  if (v <= 3) { w.string(m.v3AndBelowTransactionalId ?? '', flex) }
  if (v <= 3) { w.int64((m.v3AndBelowProducerId ?? 0n)) }
  if (v <= 3) { w.int16((m.v3AndBelowProducerEpoch ?? 0)) }
  if (v <= 3) { writeArray(w, flex, false, m.v3AndBelowTopics, (w, e) => writeAddPartitionsToTxnTopic(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAddPartitionsToTxnTopic(): AddPartitionsToTxnTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readAddPartitionsToTxnTopic(r: Reader, v: number): AddPartitionsToTxnTopic {
  const flex = v >= 3
  const o: AddPartitionsToTxnTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAddPartitionsToTxnTopic(w: Writer, v: number, m: Input<AddPartitionsToTxnTopic>): void {
  const flex = v >= 3
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAddPartitionsToTxnTransaction(): AddPartitionsToTxnTransaction {
  return {
    transactionalId: "",
    producerId: 0n,
    producerEpoch: 0,
    verifyOnly: false,
    topics: [],
  }
}

function readAddPartitionsToTxnTransaction(r: Reader, v: number): AddPartitionsToTxnTransaction {
  const flex = v >= 3
  const o: AddPartitionsToTxnTransaction = {
    transactionalId: v >= 4 ? r.string(flex) : "",
    producerId: v >= 4 ? r.int64() : 0n,
    producerEpoch: v >= 4 ? r.int16() : 0,
    verifyOnly: v >= 4 ? r.bool() : false,
    topics: v >= 4 ? readArray(r, flex, false, (r) => readAddPartitionsToTxnTopic(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAddPartitionsToTxnTransaction(w: Writer, v: number, m: Input<AddPartitionsToTxnTransaction>): void {
  const flex = v >= 3
  if (v >= 4) { w.string(m.transactionalId ?? '', flex) }
  if (v >= 4) { w.int64((m.producerId ?? 0n)) }
  if (v >= 4) { w.int16((m.producerEpoch ?? 0)) }
  if (v >= 4) { w.bool((m.verifyOnly ?? false)) }
  if (v >= 4) { writeArray(w, flex, false, m.topics, (w, e) => writeAddPartitionsToTxnTopic(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
