// generated from WriteTxnMarkersRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const WriteTxnMarkersRequestInfo = {
  name: 'WriteTxnMarkersRequest',
  apiKey: 27,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface WriteTxnMarkersRequest {
  /** The transaction markers to be written. */
  markers: WritableTxnMarker[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WritableTxnMarker {
  /** The current producer ID. */
  producerId: bigint
  /** The current epoch associated with the producer ID. */
  producerEpoch: number
  /** The result of the transaction to write to the partitions (false = ABORT, true = COMMIT). */
  transactionResult: boolean
  /** Each topic that we want to write transaction marker(s) for. */
  topics: WritableTxnMarkerTopic[]
  /** Epoch associated with the transaction state partition hosted by this transaction coordinator */
  coordinatorEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface WritableTxnMarkerTopic {
  /** The topic name. */
  name: string
  /** The indexes of the partitions to write transaction markers for. */
  partitionIndexes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeWriteTxnMarkersRequest(r: Reader, v: number): WriteTxnMarkersRequest {
  const flex = v >= 1
  const o: WriteTxnMarkersRequest = {
    markers: readArray(r, flex, false, (r) => readWritableTxnMarker(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeWriteTxnMarkersRequest(w: Writer, v: number, m: Input<WriteTxnMarkersRequest>): void {
  const flex = v >= 1
  writeArray(w, flex, false, m.markers, (w, e) => writeWritableTxnMarker(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWritableTxnMarker(): WritableTxnMarker {
  return {
    producerId: 0n,
    producerEpoch: 0,
    transactionResult: false,
    topics: [],
    coordinatorEpoch: 0,
  }
}

function readWritableTxnMarker(r: Reader, v: number): WritableTxnMarker {
  const flex = v >= 1
  const o: WritableTxnMarker = {
    producerId: r.int64(),
    producerEpoch: r.int16(),
    transactionResult: r.bool(),
    topics: readArray(r, flex, false, (r) => readWritableTxnMarkerTopic(r, v)),
    coordinatorEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWritableTxnMarker(w: Writer, v: number, m: Input<WritableTxnMarker>): void {
  const flex = v >= 1
  w.int64((m.producerId ?? 0n))
  w.int16((m.producerEpoch ?? 0))
  w.bool((m.transactionResult ?? false))
  writeArray(w, flex, false, m.topics, (w, e) => writeWritableTxnMarkerTopic(w, v, e))
  w.int32((m.coordinatorEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultWritableTxnMarkerTopic(): WritableTxnMarkerTopic {
  return {
    name: "",
    partitionIndexes: [],
  }
}

function readWritableTxnMarkerTopic(r: Reader, v: number): WritableTxnMarkerTopic {
  const flex = v >= 1
  const o: WritableTxnMarkerTopic = {
    name: r.string(flex),
    partitionIndexes: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeWritableTxnMarkerTopic(w: Writer, v: number, m: Input<WritableTxnMarkerTopic>): void {
  const flex = v >= 1
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitionIndexes, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
