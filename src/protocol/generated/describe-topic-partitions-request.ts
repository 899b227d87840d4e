// generated from DescribeTopicPartitionsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeTopicPartitionsRequestInfo = {
  name: 'DescribeTopicPartitionsRequest',
  apiKey: 75,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeTopicPartitionsRequest {
  /** The topics to fetch details for. */
  topics: TopicRequest[]
  /** The maximum number of partitions included in the response. */
  responsePartitionLimit: number
  /** The first topic and partition index to fetch details for. */
  cursor: Cursor | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicRequest {
  /** The topic name */
  name: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Cursor {
  /** The name for the first topic to process */
  topicName: string
  /** The partition index to start with */
  partitionIndex: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeTopicPartitionsRequest(r: Reader, v: number): DescribeTopicPartitionsRequest {
  const flex = v >= 0
  const o: DescribeTopicPartitionsRequest = {
    topics: readArray(r, flex, false, (r) => readTopicRequest(r, v)),
    responsePartitionLimit: r.int32(),
    cursor: (r.int8() < 0 ? null : readCursor(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeTopicPartitionsRequest(w: Writer, v: number, m: Input<DescribeTopicPartitionsRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicRequest(w, v, e))
  w.int32((m.responsePartitionLimit ?? 2000))
  if (m.cursor == null) w.int8(-1); else { w.int8(1); writeCursor(w, v, m.cursor) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicRequest(): TopicRequest {
  return {
    name: "",
  }
}

function readTopicRequest(r: Reader, v: number): TopicRequest {
  const flex = v >= 0
  const o: TopicRequest = {
    name: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicRequest(w: Writer, v: number, m: Input<TopicRequest>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCursor(): Cursor {
  return {
    topicName: "",
    partitionIndex: 0,
  }
}

function readCursor(r: Reader, v: number): Cursor {
  const flex = v >= 0
  const o: Cursor = {
    topicName: r.string(flex),
    partitionIndex: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCursor(w: Writer, v: number, m: Input<Cursor>): void {
  const flex = v >= 0
  w.string(m.topicName ?? '', flex)
  w.int32((m.partitionIndex ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
