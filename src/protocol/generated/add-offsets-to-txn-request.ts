// generated from AddOffsetsToTxnRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const AddOffsetsToTxnRequestInfo = {
  name: 'AddOffsetsToTxnRequest',
  apiKey: 25,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface AddOffsetsToTxnRequest {
  /** The transactional id corresponding to the transaction. */
  transactionalId: string
  /** Current producer id in use by the transactional id. */
  producerId: bigint
  /** Current epoch associated with the producer id. */
  producerEpoch: number
  /** The unique group identifier. */
  groupId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAddOffsetsToTxnRequest(r: Reader, v: number): AddOffsetsToTxnRequest {
  const flex = v >= 3
  const o: AddOffsetsToTxnRequest = {
    transactionalId: r.string(flex),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    groupId: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAddOffsetsToTxnRequest(w: Writer, v: number, m: Input<AddOffsetsToTxnRequest>): void {
  const flex = v >= 3
  w.string(m.transactionalId ?? '', flex)
  w.int64((m.producerId ?? 0n))
  w.int16((m.producerEpoch ?? 0))
  w.string(m.groupId ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
