// generated from AlterPartitionRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const AlterPartitionRequestInfo = {
  name: 'AlterPartitionRequest',
  apiKey: 56,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AlterPartitionRequest {
  /** The ID of the requesting broker */
  brokerId: number
  /** The epoch of the requesting broker */
  brokerEpoch: bigint
  topics: TopicData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface TopicData {
  /** The name of the topic to alter ISRs for */
  topicName: string
  /** The ID of the topic to alter ISRs for */
  topicId: string
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index */
  partitionIndex: number
  /** The leader epoch of this partition */
  leaderEpoch: number
  /** The ISR for this partition. Deprecated since version 3. */
  newIsr: number[]
  newIsrWithEpochs: BrokerState[]
  /** 1 if the partition is recovering from an unclean leader election; 0 otherwise. */
  leaderRecoveryState: number
  /** The expected epoch of the partition which is being updated. For legacy cluster this is the ZkVersion in the LeaderAndIsr request. */
  partitionEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface BrokerState {
  /** The ID of the broker. */
  brokerId: number
  /** The epoch of the broker. It will be -1 if the epoch check is not supported. */
  brokerEpoch: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterPartitionRequest(r: Reader, v: number): AlterPartitionRequest {
  const flex = v >= 0
  const o: AlterPartitionRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    topics: readArray(r, flex, false, (r) => readTopicData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterPartitionRequest(w: Writer, v: number, m: Input<AlterPartitionRequest>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  w.int64((m.brokerEpoch ?? -1n))
  writeArray(w, flex, false, m.topics, (w, e) => writeTopicData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultTopicData(): TopicData {
  return {
    topicName: "",
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readTopicData(r: Reader, v: number): TopicData {
  const flex = v >= 0
  const o: TopicData = {
    topicName: v <= 1 ? r.string(flex) : "",
    topicId: v >= 2 ? r.uuid() : ZERO_UUID,
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeTopicData(w: Writer, v: number, m: Input<TopicData>): void {
  const flex = v >= 0
  if (v <= 1) { w.string(m.topicName ?? '', flex) }
  if (v >= 2) { w.uuid((m.topicId ?? ZERO_UUID)) }
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    leaderEpoch: 0,
    newIsr: [],
    newIsrWithEpochs: [],
    leaderRecoveryState: 0,
    partitionEpoch: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partitionIndex: r.int32(),
    leaderEpoch: r.int32(),
    newIsr: v <= 2 ? readArray(r, flex, false, (r) => r.int32()) : [],
    newIsrWithEpochs: v >= 3 ? readArray(r, flex, false, (r) => readBrokerState(r, v)) : [],
    leaderRecoveryState: v >= 1 ? r.int8() : 0,
    partitionEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  if (v <= 2) { writeArray(w, flex, false, m.newIsr, (w, e) => w.int32(e)) }
  if (v >= 3) { writeArray(w, flex, false, m.newIsrWithEpochs, (w, e) => writeBrokerState(w, v, e)) }
  if (v >= 1) { w.int8((m.leaderRecoveryState ?? 0)) }
  w.int32((m.partitionEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultBrokerState(): BrokerState {
  return {
    brokerId: 0,
    brokerEpoch: -1n,
  }
}

function readBrokerState(r: Reader, v: number): BrokerState {
  const flex = v >= 0
  const o: BrokerState = {
    brokerId: v >= 3 ? r.int32() : 0,
    brokerEpoch: v >= 3 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeBrokerState(w: Writer, v: number, m: Input<BrokerState>): void {
  const flex = v >= 0
  if (v >= 3) { w.int32((m.brokerId ?? 0)) }
  if (v >= 3) { w.int64((m.brokerEpoch ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
