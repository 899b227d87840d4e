// generated from EndTxnRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const EndTxnRequestInfo = {
  name: 'EndTxnRequest',
  apiKey: 26,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  latestVersionUnstable: true,
} as const

export interface EndTxnRequest {
  /** The ID of the transaction to end. */
  transactionalId: string
  /** The producer ID. */
  producerId: bigint
  /** The current epoch associated with the producer. */
  producerEpoch: number
  /** True if the transaction was committed, false if it was aborted. */
  committed: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeEndTxnRequest(r: Reader, v: number): EndTxnRequest {
  const flex = v >= 3
  const o: EndTxnRequest = {
    transactionalId: r.string(flex),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    committed: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeEndTxnRequest(w: Writer, v: number, m: Input<EndTxnRequest>): void {
  const flex = v >= 3
  w.string(m.transactionalId ?? '', flex)
  w.int64((m.producerId ?? 0n))
  w.int16((m.producerEpoch ?? 0))
  w.bool((m.committed ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
