// generated from DescribeLogDirsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeLogDirsRequestInfo = {
  name: 'DescribeLogDirsRequest',
  apiKey: 35,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DescribeLogDirsRequest {
  /** Each topic that we want to describe log directories for, or null for all topics. */
  topics: DescribableLogDirTopic[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribableLogDirTopic {
  /** The topic name */
  topic: string
  /** The partition indexes. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeLogDirsRequest(r: Reader, v: number): DescribeLogDirsRequest {
  const flex = v >= 2
  const o: DescribeLogDirsRequest = {
    topics: readArray(r, flex, true, (r) => readDescribableLogDirTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeLogDirsRequest(w: Writer, v: number, m: Input<DescribeLogDirsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, true, m.topics, (w, e) => writeDescribableLogDirTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribableLogDirTopic(): DescribableLogDirTopic {
  return {
    topic: "",
    partitions: [],
  }
}

function readDescribableLogDirTopic(r: Reader, v: number): DescribableLogDirTopic {
  const flex = v >= 2
  const o: DescribableLogDirTopic = {
    topic: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribableLogDirTopic(w: Writer, v: number, m: Input<DescribableLogDirTopic>): void {
  const flex = v >= 2
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
