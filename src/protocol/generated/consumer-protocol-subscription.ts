// generated from ConsumerProtocolSubscription.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ConsumerProtocolSubscriptionInfo = {
  name: 'ConsumerProtocolSubscription',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerProtocolSubscription {
  topics: string[]
  userData: Buffer | null
  ownedPartitions: TopicPartition[]
  generationId: number
  rackId: string | null
}

export interface TopicPartition {
  topic: string
  partitions: number[]
}

export function decodeConsumerProtocolSubscription(r: Reader, v: number): ConsumerProtocolSubscription {
  const flex = false as boolean
  const o: ConsumerProtocolSubscription = {
    topics: readArray(r, flex, false, (r) => r.string(flex)),
    userData: r.nullableBytes(flex),
    ownedPartitions: v >= 1 ? readArray(r, flex, false, (r) => readTopicPartition(r, v)) : [],
    generationId: v >= 2 ? r.int32() : -1,
    rackId: v >= 3 ? r.nullableString(flex) : null,
  }
  return o
}

export function encodeConsumerProtocolSubscription(w: Writer, v: number, m: Input<ConsumerProtocolSubscription>): void {
  const flex = false as boolean
  writeArray(w, flex, false, m.topics, (w, e) => w.string(e ?? '', flex))
  w.records(m.userData, flex)
  if (v >= 1) { writeArray(w, flex, false, m.ownedPartitions, (w, e) => writeTopicPartition(w, v, e)) }
  if (v >= 2) { w.int32((m.generationId ?? -1)) }
  if (v >= 3) { w.nullableString(m.rackId, flex) }
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
    topic: v >= 1 ? r.string(flex) : "",
    partitions: v >= 1 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  return o
}

function writeTopicPartition(w: Writer, v: number, m: Input<TopicPartition>): void {
  const flex = false as boolean
  if (v >= 1) { w.string(m.topic ?? '', flex) }
  if (v >= 1) { writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e)) }
}
