// generated from records/ConsumerGroupPartitionMetadataValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../../codec-support.js'

export const ConsumerGroupPartitionMetadataValueInfo = {
  name: 'ConsumerGroupPartitionMetadataValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupPartitionMetadataValue {
  /** The list of topic metadata. */
  topics: TopicMetadata[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicMetadata {
  /** The topic id. */
  topicId: string
  /** The topic name. */
  topicName: string
  /** The number of partitions of the topic. */
  numPartitions: number
  /** Deprecated: this field is not used after 4.0. Partitions mapped to a set of racks. If the rack information is unavailable for all the partitions, an empty list is stored */
  partitionMetadata: PartitionMetadata[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionMetadata {
  /** The partition number. */
  partition: number
  /** The set of racks that the partition is mapped to. */
  racks: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupPartitionMetadataValue(r: Reader, v: number): ConsumerGroupPartitionMetadataValue {
  const flex = v >= 0
  const o: ConsumerGroupPartitionMetadataValue = {
    topics: readArray(r, flex, false, (r) => readTopicMetadata(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupPartitionMetadataValue(w: Writer, v: number, m: Input<ConsumerGroupPartitionMetadataValue>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicMetadata(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicMetadata(): TopicMetadata {
  return {
    topicId: ZERO_UUID,
    topicName: "",
    numPartitions: 0,
    partitionMetadata: [],
  }
}

function readTopicMetadata(r: Reader, v: number): TopicMetadata {
  const flex = v >= 0
  const o: TopicMetadata = {
    topicId: r.uuid(),
    topicName: r.string(flex),
    numPartitions: r.int32(),
    partitionMetadata: readArray(r, flex, false, (r) => readPartitionMetadata(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicMetadata(w: Writer, v: number, m: Input<TopicMetadata>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  w.string(m.topicName ?? '', flex)
  w.int32((m.numPartitions ?? 0))
  writeArray(w, flex, false, m.partitionMetadata, (w, e) => writePartitionMetadata(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionMetadata(): PartitionMetadata {
  return {
    partition: 0,
    racks: [],
  }
}

function readPartitionMetadata(r: Reader, v: number): PartitionMetadata {
  const flex = v >= 0
  const o: PartitionMetadata = {
    partition: r.int32(),
    racks: readArray(r, flex, false, (r) => r.string(flex)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionMetadata(w: Writer, v: number, m: Input<PartitionMetadata>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  writeArray(w, flex, false, m.racks, (w, e) => w.string(e ?? '', flex))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
