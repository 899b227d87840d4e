// generated from ListTransactionsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListTransactionsRequestInfo = {
  name: 'ListTransactionsRequest',
  apiKey: 66,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ListTransactionsRequest {
  /** The transaction states to filter by: if empty, all transactions are returned; if non-empty, then only transactions matching one of the filtered states will be returned */
  stateFilters: string[]
  /** The producerIds to filter by: if empty, all transactions will be returned; if non-empty, only transactions which match one of the filtered producerIds will be returned */
  producerIdFilters: bigint[]
  /** Duration (in millis) to filter by: if < 0, all transactions will be returned; otherwise, only transactions running longer than this duration will be returned */
  durationFilter: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListTransactionsRequest(r: Reader, v: number): ListTransactionsRequest {
  const flex = v >= 0
  const o: ListTransactionsRequest = {
    stateFilters: readArray(r, flex, false, (r) => r.string(flex)),
    producerIdFilters: readArray(r, flex, false, (r) => r.int64()),
    durationFilter: v >= 1 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListTransactionsRequest(w: Writer, v: number, m: Input<ListTransactionsRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.stateFilters, (w, e) => w.string(e ?? '', flex))
  writeArray(w, flex, false, m.producerIdFilters, (w, e) => w.int64(e))
  if (v >= 1) { w.int64((m.durationFilter ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
