// generated from InitProducerIdRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const InitProducerIdRequestInfo = {
  name: 'InitProducerIdRequest',
  apiKey: 22,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface InitProducerIdRequest {
  /** The transactional id, or null if the producer is not transactional. */
  transactionalId: string | null
  /** The time in ms to wait before aborting idle transactions sent by this producer. This is only relevant if a TransactionalId has been defined. */
  transactionTimeoutMs: number
  /** The producer id. This is used to disambiguate requests if a transactional id is reused following its expiration. */
  producerId: bigint
  /** The producer's current epoch. This will be checked against the producer epoch on the broker, and the request will return an error if they do not match. */
  producerEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeInitProducerIdRequest(r: Reader, v: number): InitProducerIdRequest {
  const flex = v >= 2
  const o: InitProducerIdRequest = {
    transactionalId: r.nullableString(flex),
    transactionTimeoutMs: r.int32(),
    producerId: v >= 3 ? r.int64() : -1n,
    producerEpoch: v >= 3 ? r.int16() : -1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeInitProducerIdRequest(w: Writer, v: number, m: Input<InitProducerIdRequest>): void {
  const flex = v >= 2
  w.nullableString(m.transactionalId, flex)
  w.int32((m.transactionTimeoutMs ?? 0))
  if (v >= 3) { w.int64((m.producerId ?? -1n)) }
  if (v >= 3) { w.int16((m.producerEpoch ?? -1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
