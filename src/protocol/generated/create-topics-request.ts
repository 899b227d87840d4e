// generated from CreateTopicsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const CreateTopicsRequestInfo = {
  name: 'CreateTopicsRequest',
  apiKey: 19,
  type: 'request',
  minVersion: 0,
  maxVersion: 7,
  flexibleFrom: 5,
  latestVersionUnstable: false,
} as const

export interface CreateTopicsRequest {
  /** The topics to create. */
  topics: CreatableTopic[]
  /** How long to wait in milliseconds before timing out the request. */
  timeoutMs: number
  /** If true, check that the topics can be created as specified, but don't create anything. */
  validateOnly: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatableTopic {
  /** The topic name. */
  name: string
  /** The number of partitions to create in the topic, or -1 if we are either specifying a manual partition assignment or using the default partitions. */
  numPartitions: number
  /** The number of replicas to create for each partition in the topic, or -1 if we are either specifying a manual partition assignment or using the default replication factor. */
  replicationFactor: number
  /** The manual partition assignment, or the empty array if we are using automatic assignment. */
  assignments: CreatableReplicaAssignment[]
  /** The custom topic configurations to set. */
  configs: CreatableTopicConfig[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatableReplicaAssignment {
  /** The partition index. */
  partitionIndex: number
  /** The brokers to place the partition on. */
  brokerIds: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatableTopicConfig {
  /** The configuration name. */
  name: string
  /** The configuration value. */
  value: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreateTopicsRequest(r: Reader, v: number): CreateTopicsRequest {
  const flex = v >= 5
  const o: CreateTopicsRequest = {
    topics: readArray(r, flex, false, (r) => readCreatableTopic(r, v)),
    timeoutMs: r.int32(),
    validateOnly: v >= 1 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreateTopicsRequest(w: Writer, v: number, m: Input<CreateTopicsRequest>): void {
  const flex = v >= 5
  writeArray(w, flex, false, m.topics, (w, e) => writeCreatableTopic(w, v, e))
  w.int32((m.timeoutMs ?? 60000))
  if (v >= 1) { w.bool((m.validateOnly ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatableTopic(): CreatableTopic {
  return {
    name: "",
    numPartitions: 0,
    replicationFactor: 0,
    assignments: [],
    configs: [],
  }
}

function readCreatableTopic(r: Reader, v: number): CreatableTopic {
  const flex = v >= 5
  const o: CreatableTopic = {
    name: r.string(flex),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: readArray(r, flex, false, (r) => readCreatableReplicaAssignment(r, v)),
    configs: readArray(r, flex, false, (r) => readCreatableTopicConfig(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatableTopic(w: Writer, v: number, m: Input<CreatableTopic>): void {
  const flex = v >= 5
  w.string(m.name ?? '', flex)
  w.int32((m.numPartitions ?? 0))
  w.int16((m.replicationFactor ?? 0))
  writeArray(w, flex, false, m.assignments, (w, e) => writeCreatableReplicaAssignment(w, v, e))
  writeArray(w, flex, false, m.configs, (w, e) => writeCreatableTopicConfig(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatableReplicaAssignment(): CreatableReplicaAssignment {
  return {
    partitionIndex: 0,
    brokerIds: [],
  }
}

function readCreatableReplicaAssignment(r: Reader, v: number): CreatableReplicaAssignment {
  const flex = v >= 5
  const o: CreatableReplicaAssignment = {
    partitionIndex: r.int32(),
    brokerIds: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatableReplicaAssignment(w: Writer, v: number, m: Input<CreatableReplicaAssignment>): void {
  const flex = v >= 5
  w.int32((m.partitionIndex ?? 0))
  writeArray(w, flex, false, m.brokerIds, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatableTopicConfig(): CreatableTopicConfig {
  return {
    name: "",
    value: "",
  }
}

function readCreatableTopicConfig(r: Reader, v: number): CreatableTopicConfig {
  const flex = v >= 5
  const o: CreatableTopicConfig = {
    name: r.string(flex),
    value: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatableTopicConfig(w: Writer, v: number, m: Input<CreatableTopicConfig>): void {
  const flex = v >= 5
  w.string(m.name ?? '', flex)
  w.nullableString(m.value, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
