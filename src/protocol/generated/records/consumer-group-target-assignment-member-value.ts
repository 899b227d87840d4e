// generated from records/ConsumerGroupTargetAssignmentMemberValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../../codec-support.js'

export const ConsumerGroupTargetAssignmentMemberValueInfo = {
  name: 'ConsumerGroupTargetAssignmentMemberValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupTargetAssignmentMemberValue {
  /** The assigned partitions. */
  topicPartitions: TopicPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicPartition {
  topicId: string
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupTargetAssignmentMemberValue(r: Reader, v: number): ConsumerGroupTargetAssignmentMemberValue {
  const flex = v >= 0
  const o: ConsumerGroupTargetAssignmentMemberValue = {
    topicPartitions: readArray(r, flex, false, (r) => readTopicPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupTargetAssignmentMemberValue(w: Writer, v: number, m: Input<ConsumerGroupTargetAssignmentMemberValue>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.topicPartitions, (w, e) => writeTopicPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicPartition(): TopicPartition {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readTopicPartition(r: Reader, v: number): TopicPartition {
  const flex = v >= 0
  const o: TopicPartition = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicPartition(w: Writer, v: number, m: Input<TopicPartition>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
