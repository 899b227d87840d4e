// generated from ConsumerProtocolAssignment.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ConsumerProtocolAssignmentInfo = {
  name: 'ConsumerProtocolAssignment',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerProtocolAssignment {
  assignedPartitions: TopicPartition[]
  userData: Buffer | null
}

export interface TopicPartition {
  topic: string
  partitions: number[]
}

export function decodeConsumerProtocolAssignment(r: Reader, v: number): ConsumerProtocolAssignment {
  const flex = false as boolean
  const o: ConsumerProtocolAssignment = {
    assignedPartitions: readArray(r, flex, false, (r) => readTopicPartition(r, v)),
    userData: r.nullableBytes(flex),
  }
  return o
}

export function encodeConsumerProtocolAssignment(w: Writer, v: number, m: Input<ConsumerProtocolAssignment>): void {
  const flex = false as boolean
  writeArray(w, flex, false, m.assignedPartitions, (w, e) => writeTopicPartition(w, v, e))
  w.records(m.userData, flex)
}

export function defaultTopicPartition(): TopicPartition {
  return {
    topic: "",
    partitions: [],
  }
}

function readTopicPartition(r: Reader, v: number): TopicPartition {
  const flex = false as boolean
  const o: TopicPartition = {
    topic: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  return o
}

function writeTopicPartition(w: Writer, v: number, m: Input<TopicPartition>): void {
  const flex = false as boolean
  w.string(m.topic ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
}
