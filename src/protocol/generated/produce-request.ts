// generated from ProduceRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ProduceRequestInfo = {
  name: 'ProduceRequest',
  apiKey: 0,
  type: 'request',
  minVersion: 0,
  maxVersion: 11,
  flexibleFrom: 9,
  latestVersionUnstable: false,
} as const

export interface ProduceRequest {
  /** The transactional ID, or null if the producer is not transactional. */
  transactionalId: string | null
  /** The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR. */
  acks: number
  /** The timeout to await a response in milliseconds. */
  timeoutMs: number
  /** Each topic to produce to. */
  topicData: TopicProduceData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicProduceData {
  /** The topic name. */
  name: string
  /** Each partition to produce to. */
  partitionData: PartitionProduceData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionProduceData {
  /** The partition index. */
  index: number
  /** The record data to be produced. */
  records: Buffer | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeProduceRequest(r: Reader, v: number): ProduceRequest {
  const flex = v >= 9
  const o: ProduceRequest = {
    transactionalId: v >= 3 ? r.nullableString(flex) : null,
    acks: r.int16(),
    timeoutMs: r.int32(),
    topicData: readArray(r, flex, false, (r) => readTopicProduceData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeProduceRequest(w: Writer, v: number, m: Input<ProduceRequest>): void {
  const flex = v >= 9
  if (v >= 3) { w.nullableString(m.transactionalId, flex) }
  w.int16((m.acks ?? 0))
  w.int32((m.timeoutMs ?? 0))
  writeArray(w, flex, false, m.topicData, (w, e) => writeTopicProduceData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicProduceData(): TopicProduceData {
  return {
    name: "",
    partitionData: [],
  }
}

function readTopicProduceData(r: Reader, v: number): TopicProduceData {
  const flex = v >= 9
  const o: TopicProduceData = {
    name: r.string(flex),
    partitionData: readArray(r, flex, false, (r) => readPartitionProduceData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicProduceData(w: Writer, v: number, m: Input<TopicProduceData>): void {
  const flex = v >= 9
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitionData, (w, e) => writePartitionProduceData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionProduceData(): PartitionProduceData {
  return {
    index: 0,
    records: null,
  }
}

function readPartitionProduceData(r: Reader, v: number): PartitionProduceData {
  const flex = v >= 9
  const o: PartitionProduceData = {
    index: r.int32(),
    records: r.nullableBytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionProduceData(w: Writer, v: number, m: Input<PartitionProduceData>): void {
  const flex = v >= 9
  w.int32((m.index ?? 0))
  w.records(m.records, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
