// generated from OffsetDeleteRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const OffsetDeleteRequestInfo = {
  name: 'OffsetDeleteRequest',
  apiKey: 47,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface OffsetDeleteRequest {
  /** The unique group identifier. */
  groupId: string
  /** The topics to delete offsets for */
  topics: OffsetDeleteRequestTopic[]
}

export interface OffsetDeleteRequestTopic {
  /** The topic name. */
  name: string
  /** Each partition to delete offsets for. */
  partitions: OffsetDeleteRequestPartition[]
}

export interface OffsetDeleteRequestPartition {
  /** The partition index. */
  partitionIndex: number
}

export function decodeOffsetDeleteRequest(r: Reader, v: number): OffsetDeleteRequest {
  const flex = false as boolean
  const o: OffsetDeleteRequest = {
    groupId: r.string(flex),
    topics: readArray(r, flex, false, (r) => readOffsetDeleteRequestTopic(r, v)),
  }
  return o
}

export function encodeOffsetDeleteRequest(w: Writer, v: number, m: Input<OffsetDeleteRequest>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeOffsetDeleteRequestTopic(w, v, e))
}

export function defaultOffsetDeleteRequestTopic(): OffsetDeleteRequestTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readOffsetDeleteRequestTopic(r: Reader, v: number): OffsetDeleteRequestTopic {
  const flex = false as boolean
  const o: OffsetDeleteRequestTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readOffsetDeleteRequestPartition(r, v)),
  }
  return o
}

function writeOffsetDeleteRequestTopic(w: Writer, v: number, m: Input<OffsetDeleteRequestTopic>): void {
  const flex = false as boolean
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeOffsetDeleteRequestPartition(w, v, e))
}

export function defaultOffsetDeleteRequestPartition(): OffsetDeleteRequestPartition {
  return {
    partitionIndex: 0,
  }
}

function readOffsetDeleteRequestPartition(r: Reader, v: number): OffsetDeleteRequestPartition {
  const o: OffsetDeleteRequestPartition = {
    partitionIndex: r.int32(),
  }
  return o
}

function writeOffsetDeleteRequestPartition(w: Writer, v: number, m: Input<OffsetDeleteRequestPartition>): void {
  w.int32((m.partitionIndex ?? 0))
}
