// generated from MetadataResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const MetadataResponseInfo = {
  name: 'MetadataResponse',
  apiKey: 3,
  type: 'response',
  minVersion: 0,
  maxVersion: 12,
  flexibleFrom: 9,
  latestVersionUnstable: false,
} as const

export interface MetadataResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** A list of brokers present in the cluster. */
  brokers: MetadataResponseBroker[]
  /** The cluster ID that responding broker belongs to. */
  clusterId: string | null
  /** The ID of the controller broker. */
  controllerId: number
  /** Each topic in the response. */
  topics: MetadataResponseTopic[]
  /** 32-bit bitfield to represent authorized operations for this cluster. */
  clusterAuthorizedOperations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MetadataResponseBroker {
  /** The broker ID. */
  nodeId: number
  /** The broker hostname. */
  host: string
  /** The broker port. */
  port: number
  /** The rack of the broker, or null if it has not been assigned to a rack. */
  rack: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. */
  errorCode: number
  /** The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode is zero. One of Name and TopicId is always populated. */
  name: string | null
  /** The topic id. Zero for non-existing topics queried by name. This is never zero when ErrorCode is zero. One of Name and TopicId is always populated. */
  topicId: string
  /** True if the topic is internal. */
  isInternal: boolean
  /** Each partition in the topic. */
  partitions: MetadataResponsePartition[]
  /** 32-bit bitfield to represent authorized operations for this topic. */
  topicAuthorizedOperations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. */
  errorCode: number
  /** The partition index. */
  partitionIndex: number
  /** The ID of the leader broker. */
  leaderId: number
  /** The leader epoch of this partition. */
  leaderEpoch: number
  /** The set of all nodes that host this partition. */
  replicaNodes: number[]
  /** The set of nodes that are in sync with the leader for this partition. */
  isrNodes: number[]
  /** The set of offline replicas of this partition. */
  offlineReplicas: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeMetadataResponse(r: Reader, v: number): MetadataResponse {
  const flex = v >= 9
  const o: MetadataResponse = {
    throttleTimeMs: v >= 3 ? r.int32() : 0,
    brokers: readArray(r, flex, false, (r) => readMetadataResponseBroker(r, v)),
    clusterId: v >= 2 ? r.nullableString(flex) : null,
    controllerId: v >= 1 ? r.int32() : -1,
    topics: readArray(r, flex, false, (r) => readMetadataResponseTopic(r, v)),
    clusterAuthorizedOperations: v >= 8 && v <= 10 ? r.int32() : -2147483648,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeMetadataResponse(w: Writer, v: number, m: Input<MetadataResponse>): void {
  const flex = v >= 9
  if (v >= 3) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.brokers, (w, e) => writeMetadataResponseBroker(w, v, e))
  if (v >= 2) { w.nullableString(m.clusterId, flex) }
  if (v >= 1) { w.int32((m.controllerId ?? -1)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeMetadataResponseTopic(w, v, e))
  if (v >= 8 && v <= 10) { w.int32((m.clusterAuthorizedOperations ?? -2147483648)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMetadataResponseBroker(): MetadataResponseBroker {
  return {
    nodeId: 0,
    host: "",
    port: 0,
    rack: null,
  }
}

function readMetadataResponseBroker(r: Reader, v: number): MetadataResponseBroker {
  const flex = v >= 9
  const o: MetadataResponseBroker = {
    nodeId: r.int32(),
    host: r.string(flex),
    port: r.int32(),
    rack: v >= 1 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMetadataResponseBroker(w: Writer, v: number, m: Input<MetadataResponseBroker>): void {
  const flex = v >= 9
  w.int32((m.nodeId ?? 0))
  w.string(m.host ?? '', flex)
  w.int32((m.port ?? 0))
  if (v >= 1) { w.nullableString(m.rack, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMetadataResponseTopic(): MetadataResponseTopic {
  return {
    errorCode: 0,
    name: "",
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: -2147483648,
  }
}

function readMetadataResponseTopic(r: Reader, v: number): MetadataResponseTopic {
  const flex = v >= 9
  const o: MetadataResponseTopic = {
    errorCode: r.int16(),
    name: r.nullableString(flex),
    topicId: v >= 10 ? r.uuid() : ZERO_UUID,
    isInternal: v >= 1 ? r.bool() : false,
    partitions: readArray(r, flex, false, (r) => readMetadataResponsePartition(r, v)),
    topicAuthorizedOperations: v >= 8 ? r.int32() : -2147483648,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMetadataResponseTopic(w: Writer, v: number, m: Input<MetadataResponseTopic>): void {
  const flex = v >= 9
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.name, flex)
  if (v >= 10) { w.uuid((m.topicId ?? ZERO_UUID)) }
  if (v >= 1) { w.bool((m.isInternal ?? false)) }
  writeArray(w, flex, false, m.partitions, (w, e) => writeMetadataResponsePartition(w, v, e))
  if (v >= 8) { w.int32((m.topicAuthorizedOperations ?? -2147483648)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMetadataResponsePartition(): MetadataResponsePartition {
  return {
    errorCode: 0,
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: -1,
    replicaNodes: [],
    isrNodes: [],
    offlineReplicas: [],
  }
}

function readMetadataResponsePartition(r: Reader, v: number): MetadataResponsePartition {
  const flex = v >= 9
  const o: MetadataResponsePartition = {
    errorCode: r.int16(),
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: v >= 7 ? r.int32() : -1,
    replicaNodes: readArray(r, flex, false, (r) => r.int32()),
    isrNodes: readArray(r, flex, false, (r) => r.int32()),
    offlineReplicas: v >= 5 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMetadataResponsePartition(w: Writer, v: number, m: Input<MetadataResponsePartition>): void {
  const flex = v >= 9
  w.int16((m.errorCode ?? 0))
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.leaderId ?? 0))
  if (v >= 7) { w.int32((m.leaderEpoch ?? -1)) }
  writeArray(w, flex, false, m.replicaNodes, (w, e) => w.int32(e))
  writeArray(w, flex, false, m.isrNodes, (w, e) => w.int32(e))
  if (v >= 5) { writeArray(w, flex, false, m.offlineReplicas, (w, e) => w.int32(e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
