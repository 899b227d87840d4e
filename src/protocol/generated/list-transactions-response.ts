// generated from ListTransactionsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListTransactionsResponseInfo = {
  name: 'ListTransactionsResponse',
  apiKey: 66,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ListTransactionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  errorCode: number
  /** Set of state filters provided in the request which were unknown to the transaction coordinator */
  unknownStateFilters: string[]
  transactionStates: TransactionState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TransactionState {
  transactionalId: string
  producerId: bigint
  /** The current transaction state of the producer */
  transactionState: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListTransactionsResponse(r: Reader, v: number): ListTransactionsResponse {
  const flex = v >= 0
  const o: ListTransactionsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    unknownStateFilters: readArray(r, flex, false, (r) => r.string(flex)),
    transactionStates: readArray(r, flex, false, (r) => readTransactionState(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListTransactionsResponse(w: Writer, v: number, m: Input<ListTransactionsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.unknownStateFilters, (w, e) => w.string(e ?? '', flex))
  writeArray(w, flex, false, m.transactionStates, (w, e) => writeTransactionState(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTransactionState(): TransactionState {
  return {
    transactionalId: "",
    producerId: 0n,
    transactionState: "",
  }
}

function readTransactionState(r: Reader, v: number): TransactionState {
  const flex = v >= 0
  const o: TransactionState = {
    transactionalId: r.string(flex),
    producerId: r.int64(),
    transactionState: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTransactionState(w: Writer, v: number, m: Input<TransactionState>): void {
  const flex = v >= 0
  w.string(m.transactionalId ?? '', flex)
  w.int64((m.producerId ?? 0n))
  w.string(m.transactionState ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
