// generated from ElectLeadersRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ElectLeadersRequestInfo = {
  name: 'ElectLeadersRequest',
  apiKey: 43,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface ElectLeadersRequest {
  /** Type of elections to conduct for the partition. A value of '0' elects the preferred replica. A value of '1' elects the first live replica if there are no in-sync replica. */
  electionType: number
  /** The topic partitions to elect leaders. */
  topicPartitions: TopicPartitions[] | null
  /** The time in ms to wait for the election to complete. */
  timeoutMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicPartitions {
  /** The name of a topic. */
  topic: string
  /** The partitions of this topic whose leader should be elected. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeElectLeadersRequest(r: Reader, v: number): ElectLeadersRequest {
  const flex = v >= 2
  const o: ElectLeadersRequest = {
    electionType: v >= 1 ? r.int8() : 0,
    topicPartitions: readArray(r, flex, true, (r) => readTopicPartitions(r, v)),
    timeoutMs: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeElectLeadersRequest(w: Writer, v: number, m: Input<ElectLeadersRequest>): void {
  const flex = v >= 2
  if (v >= 1) { w.int8((m.electionType ?? 0)) }
  writeArray(w, flex, true, m.topicPartitions, (w, e) => writeTopicPartitions(w, v, e))
  w.int32((m.timeoutMs ?? 60000))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicPartitions(): TopicPartitions {
  return {
    topic: "",
    partitions: [],
  }
}

function readTopicPartitions(r: Reader, v: number): TopicPartitions {
  const flex = v >= 2
  const o: TopicPartitions = {
    topic: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicPartitions(w: Writer, v: number, m: Input<TopicPartitions>): void {
  const flex = v >= 2
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
