// generated from OffsetDeleteResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetDeleteResponseInfo = {
  name: 'OffsetDeleteResponse',
  apiKey: 47,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface OffsetDeleteResponse {
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The responses for each topic. */
  topics: OffsetDeleteResponseTopic[]
}

export interface OffsetDeleteResponseTopic {
  /** The topic name. */
  name: string
  /** The responses for each partition in the topic. */
  partitions: OffsetDeleteResponsePartition[]
}

export interface OffsetDeleteResponsePartition {
  /** The partition index. */
  partitionIndex: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
}

export function decodeOffsetDeleteResponse(r: Reader, v: number): OffsetDeleteResponse {
  const flex = false as boolean
  const o: OffsetDeleteResponse = {
    errorCode: r.int16(),
    throttleTimeMs: r.int32(),
    topics: readArray(r, flex, false, (r) => readOffsetDeleteResponseTopic(r, v)),
  }
  return o
}

export function encodeOffsetDeleteResponse(w: Writer, v: number, m: Input<OffsetDeleteResponse>): void {
  const flex = false as boolean
  w.int16((m.errorCode ?? 0))
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.topics, (w, e) => writeOffsetDeleteResponseTopic(w, v, e))
}

export function defaultOffsetDeleteResponseTopic(): OffsetDeleteResponseTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readOffsetDeleteResponseTopic(r: Reader, v: number): OffsetDeleteResponseTopic {
  const flex = false as boolean
  const o: OffsetDeleteResponseTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readOffsetDeleteResponsePartition(r, v)),
  }
  return o
}

function writeOffsetDeleteResponseTopic(w: Writer, v: number, m: Input<OffsetDeleteResponseTopic>): void {
  const flex = false as boolean
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetDeleteResponsePartition(w, v, e))
}

export function defaultOffsetDeleteResponsePartition(): OffsetDeleteResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
  }
}

function readOffsetDeleteResponsePartition(r: Reader, v: number): OffsetDeleteResponsePartition {
  const o: OffsetDeleteResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  }
  return o
}

function writeOffsetDeleteResponsePartition(w: Writer, v: number, m: Input<OffsetDeleteResponsePartition>): void {
  w.int32((m.partitionIndex ?? 0))
  w.int16((m.errorCode ?? 0))
}
