// generated from DescribeProducersResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeProducersResponseInfo = {
  name: 'DescribeProducersResponse',
  apiKey: 61,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeProducersResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each topic in the response. */
  topics: TopicResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicResponse {
  /** The topic name */
  name: string
  /** Each partition in the response. */
  partitions: PartitionResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionResponse {
  /** The partition index. */
  partitionIndex: number
  /** The partition error code, or 0 if there was no error. */
  errorCode: number
  /** The partition error message, which may be null if no additional details are available */
  errorMessage: string | null
  activeProducers: ProducerState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ProducerState {
  producerId: bigint
  producerEpoch: number
  lastSequence: number
  lastTimestamp: bigint
  coordinatorEpoch: number
  currentTxnStartOffset: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeProducersResponse(r: Reader, v: number): DescribeProducersResponse {
  const flex = v >= 0
  const o: DescribeProducersResponse = {
    throttleTimeMs: r.int32(),
    topics: readArray(r, flex, false, (r) => readTopicResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeProducersResponse(w: Writer, v: number, m: Input<DescribeProducersResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicResponse(): TopicResponse {
  return {
    name: "",
    partitions: [],
  }
}

function readTopicResponse(r: Reader, v: number): TopicResponse {
  const flex = v >= 0
  const o: TopicResponse = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readPartitionResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicResponse(w: Writer, v: number, m: Input<TopicResponse>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionResponse(): PartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: null,
    activeProducers: [],
  }
}

function readPartitionResponse(r: Reader, v: number): PartitionResponse {
  const flex = v >= 0
  const o: PartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    activeProducers: readArray(r, flex, false, (r) => readProducerState(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionResponse(w: Writer, v: number, m: Input<PartitionResponse>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.activeProducers, (w, e) => writeProducerState(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultProducerState(): ProducerState {
  return {
    producerId: 0n,
    producerEpoch: 0,
    lastSequence: -1,
    lastTimestamp: -1n,
    coordinatorEpoch: 0,
    currentTxnStartOffset: -1n,
  }
}

function readProducerState(r: Reader, v: number): ProducerState {
  const flex = v >= 0
  const o: ProducerState = {
    producerId: r.int64(),
    producerEpoch: r.int32(),
    lastSequence: r.int32(),
    lastTimestamp: r.int64(),
    coordinatorEpoch: r.int32(),
    currentTxnStartOffset: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeProducerState(w: Writer, v: number, m: Input<ProducerState>): void {
  const flex = v >= 0
  w.int64((m.producerId ?? 0n))
  w.int32((m.producerEpoch ?? 0))
  w.int32((m.lastSequence ?? -1))
  w.int64((m.lastTimestamp ?? -1n))
  w.int32((m.coordinatorEpoch ?? 0))
  w.int64((m.currentTxnStartOffset ?? -1n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
