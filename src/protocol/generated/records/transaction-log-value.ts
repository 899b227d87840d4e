// generated from records/TransactionLogValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input, readArray, writeArray } from '../../codec-support.js'

export const TransactionLogValueInfo = {
  name: 'TransactionLogValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface TransactionLogValue {
  /** Producer id in use by the transactional id */
  producerId: bigint
  /** Producer id used by the last committed transaction */
  previousProducerId: bigint
  /** Latest producer ID sent to the producer for the given transactional ID */
  nextProducerId: bigint
  /** Epoch associated with the producer id */
  producerEpoch: number
  /** Transaction timeout in milliseconds */
  transactionTimeoutMs: number
  /** TransactionState the transaction is in */
  transactionStatus: number
  /** Set of partitions involved in the transaction */
  transactionPartitions: PartitionsSchema[] | null
  /** Time the transaction was last updated */
  transactionLastUpdateTimestampMs: bigint
  /** Time the transaction was started */
  transactionStartTimestampMs: bigint
  /** The transaction version used by the client */
  clientTransactionVersion: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionsSchema {
  topic: string
  partitionIds: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeTransactionLogValue(r: Reader, v: number): TransactionLogValue {
  const flex = v >= 1
  const o: TransactionLogValue = {
    producerId: r.int64(),
    previousProducerId: -1n,
    nextProducerId: -1n,
    producerEpoch: r.int16(),
    transactionTimeoutMs: r.int32(),
    transactionStatus: r.int8(),
    transactionPartitions: readArray(r, flex, true, (r) => readPartitionsSchema(r, v)),
    transactionLastUpdateTimestampMs: r.int64(),
    transactionStartTimestampMs: r.int64(),
    clientTransactionVersion: 0,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 1)) return false
          o.previousProducerId = r.int64()
          return true
        case 1:
          if (!(v >= 1)) return false
          o.nextProducerId = r.int64()
          return true
        case 2:
          if (!(v >= 1)) return false
          o.clientTransactionVersion = r.int16()
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeTransactionLogValue(w: Writer, v: number, m: Input<TransactionLogValue>): void {
  const flex = v >= 1
  w.int64((m.producerId ?? 0n))
  w.int16((m.producerEpoch ?? 0))
  w.int32((m.transactionTimeoutMs ?? 0))
  w.int8((m.transactionStatus ?? 0))
  writeArray(w, flex, true, m.transactionPartitions, (w, e) => writePartitionsSchema(w, v, e))
  w.int64((m.transactionLastUpdateTimestampMs ?? 0n))
  w.int64((m.transactionStartTimestampMs ?? 0n))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 1) && m.previousProducerId !== undefined && m.previousProducerId !== -1n) (t ??= []).push([0, (w) => { w.int64((m.previousProducerId! ?? -1n)) }])
    if ((v >= 1) && m.nextProducerId !== undefined && m.nextProducerId !== -1n) (t ??= []).push([1, (w) => { w.int64((m.nextProducerId! ?? -1n)) }])
    if ((v >= 1) && m.clientTransactionVersion !== undefined && m.clientTransactionVersion !== 0) (t ??= []).push([2, (w) => { w.int16((m.clientTransactionVersion! ?? 0)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultPartitionsSchema(): PartitionsSchema {
  return {
    topic: "",
    partitionIds: [],
  }
}

function readPartitionsSchema(r: Reader, v: number): PartitionsSchema {
  const flex = v >= 1
  const o: PartitionsSchema = {
    topic: r.string(flex),
    partitionIds: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionsSchema(w: Writer, v: number, m: Input<PartitionsSchema>): void {
  const flex = v >= 1
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitionIds, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
