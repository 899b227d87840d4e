// generated from DescribeProducersRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeProducersRequestInfo = {
  name: 'DescribeProducersRequest',
  apiKey: 61,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeProducersRequest {
  topics: TopicRequest[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicRequest {
  /** The topic name. */
  name: string
  /** The indexes of the partitions to list producers for. */
  partitionIndexes: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeProducersRequest(r: Reader, v: number): DescribeProducersRequest {
  const flex = v >= 0
  const o: DescribeProducersRequest = {
    topics: readArray(r, flex, false, (r) => readTopicRequest(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeProducersRequest(w: Writer, v: number, m: Input<DescribeProducersRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicRequest(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicRequest(): TopicRequest {
  return {
    name: "",
    partitionIndexes: [],
  }
}

function readTopicRequest(r: Reader, v: number): TopicRequest {
  const flex = v >= 0
  const o: TopicRequest = {
    name: r.string(flex),
    partitionIndexes: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicRequest(w: Writer, v: number, m: Input<TopicRequest>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitionIndexes, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
