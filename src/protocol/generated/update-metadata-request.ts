// generated from UpdateMetadataRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const UpdateMetadataRequestInfo = {
  name: 'UpdateMetadataRequest',
  apiKey: 6,
  type: 'request',
  minVersion: 0,
  maxVersion: 8,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface UpdateMetadataRequest {
  /** The controller id. */
  controllerId: number
  /** If KRaft controller id is used during migration. See KIP-866 */
  isKRaftController: boolean
  /** Indicates if this request is a Full metadata snapshot (2), Incremental (1), or Unknown (0). Using during ZK migration, see KIP-866 */
  type: number
  /** The controller epoch. */
  controllerEpoch: number
  /** The broker epoch. */
  brokerEpoch: bigint
  /** In older versions of this RPC, each partition that we would like to update. */
  ungroupedPartitionStates: UpdateMetadataPartitionState[]
  /** In newer versions of this RPC, each topic that we would like to update. */
  topicStates: UpdateMetadataTopicState[]
  liveBrokers: UpdateMetadataBroker[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface UpdateMetadataPartitionState {
  /** In older versions of this RPC, the topic name. */
  topicName: string
  /** The partition index. */
  partitionIndex: number
  /** The controller epoch. */
  controllerEpoch: number
  /** The ID of the broker which is the current partition leader. */
  leader: number
  /** The leader epoch of this partition. */
  leaderEpoch: number
  /** The brokers which are in the ISR for this partition. */
  isr: number[]
  /** The Zookeeper version. */
  zkVersion: number
  /** All the replicas of this partition. */
  replicas: number[]
  /** The replicas of this partition which are offline. */
  offlineReplicas: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface UpdateMetadataTopicState {
  /** The topic name. */
  topicName: string
  /** The topic id. */
  topicId: string
  /** The partition that we would like to update. */
  partitionStates: UpdateMetadataPartitionState[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface UpdateMetadataBroker {
  /** The broker id. */
  id: number
  /** The broker hostname. */
  v0Host: string
  /** The broker port. */
  v0Port: number
  /** The broker endpoints. */
  endpoints: UpdateMetadataEndpoint[]
  /** The rack which this broker belongs to. */
  rack: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface UpdateMetadataEndpoint {
  /** The port of this endpoint */
  port: number
  /** The hostname of this endpoint */
  host: string
  /** The listener name. */
  listener: string
  /** The security protocol type. */
  securityProtocol: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUpdateMetadataRequest(r: Reader, v: number): UpdateMetadataRequest {
  const flex = v >= 6
  const o: UpdateMetadataRequest = {
    controllerId: r.int32(),
    isKRaftController: v >= 8 ? r.bool() : false,
    type: 0,
    controllerEpoch: r.int32(),
    brokerEpoch: v >= 5 ? r.int64() : -1n,
    ungroupedPartitionStates: v <= 4 ? readArray(r, flex, false, (r) => readUpdateMetadataPartitionState(r, v)) : [],
    topicStates: v >= 5 ? readArray(r, flex, false, (r) => readUpdateMetadataTopicState(r, v)) : [],
    liveBrokers: readArray(r, flex, false, (r) => readUpdateMetadataBroker(r, v)),
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 8)) return false
          o.type = r.int8()
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeUpdateMetadataRequest(w: Writer, v: number, m: Input<UpdateMetadataRequest>): void {
  const flex = v >= 6
  w.int32((m.controllerId ?? 0))
  if (v >= 8) { w.bool((m.isKRaftController ?? false)) }
  w.int32((m.controllerEpoch ?? 0))
  if (v >= 5) { w.int64((m.brokerEpoch ?? -1n)) }
  if (v <= 4) { writeArray(w, flex, false, m.ungroupedPartitionStates, (w, e) => writeUpdateMetadataPartitionState(w, v, e)) }
  if (v >= 5) { writeArray(w, flex, false, m.topicStates, (w, e) => writeUpdateMetadataTopicState(w, v, e)) }
  writeArray(w, flex, false, m.liveBrokers, (w, e) => writeUpdateMetadataBroker(w, v, e))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 8) && m.type !== undefined && m.type !== 0) (t ??= []).push([0, (w) => { w.int8((m.type! ?? 0)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultUpdateMetadataPartitionState(): UpdateMetadataPartitionState {
  return {
    topicName: "",
    partitionIndex: 0,
    controllerEpoch: 0,
    leader: 0,
    leaderEpoch: 0,
    isr: [],
    zkVersion: 0,
    replicas: [],
    offlineReplicas: [],
  }
}

function readUpdateMetadataPartitionState(r: Reader, v: number): UpdateMetadataPartitionState {
  const flex = v >= 6
  const o: UpdateMetadataPartitionState = {
    topicName: v <= 4 ? r.string(flex) : "",
    partitionIndex: r.int32(),
    controllerEpoch: r.int32(),
    leader: r.int32(),
    leaderEpoch: r.int32(),
    isr: readArray(r, flex, false, (r) => r.int32()),
    zkVersion: r.int32(),
    replicas: readArray(r, flex, false, (r) => r.int32()),
    offlineReplicas: v >= 4 ? readArray(r, flex, false, (r) => r.int32()) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeUpdateMetadataPartitionState(w: Writer, v: number, m: Input<UpdateMetadataPartitionState>): void {
  const flex = v >= 6
  if (v <= 4) { w.string(m.topicName ?? '', flex) }
  w.int32((m.partitionIndex ?? 0))
  w.int32((m.controllerEpoch ?? 0))
  w.int32((m.leader ?? 0))
  w.int32((m.leaderEpoch ?? 0))
  writeArray(w, flex, false, m.isr, (w, e) => w.int32(e))
  w.int32((m.zkVersion ?? 0))
  writeArray(w, flex, false, m.replicas, (w, e) => w.int32(e))
  if (v >= 4) { writeArray(w, flex, false, m.offlineReplicas, (w, e) => w.int32(e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultUpdateMetadataTopicState(): UpdateMetadataTopicState {
  return {
    topicName: "",
    topicId: ZERO_UUID,
    partitionStates: [],
  }
}

function readUpdateMetadataTopicState(r: Reader, v: number): UpdateMetadataTopicState {
  const flex = v >= 6
  const o: UpdateMetadataTopicState = {
    topicName: v >= 5 ? r.string(flex) : "",
    topicId: v >= 7 ? r.uuid() : ZERO_UUID,
    partitionStates: v >= 5 ? readArray(r, flex, false, (r) => readUpdateMetadataPartitionState(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeUpdateMetadataTopicState(w: Writer, v: number, m: Input<UpdateMetadataTopicState>): void {
  const flex = v >= 6
  if (v >= 5) { w.string(m.topicName ?? '', flex) }
  if (v >= 7) { w.uuid((m.topicId ?? ZERO_UUID)) }
  if (v >= 5) { writeArray(w, flex, false, m.partitionStates, (w, e) => writeUpdateMetadataPartitionState(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultUpdateMetadataBroker(): UpdateMetadataBroker {
  return {
    id: 0,
    v0Host: "",
    v0Port: 0,
    endpoints: [],
    rack: "",
  }
}

function readUpdateMetadataBroker(r: Reader, v: number): UpdateMetadataBroker {
  const flex = v >= 6
  const o: UpdateMetadataBroker = {
    id: r.int32(),
    v0Host: v <= 0 ? r.string(flex) : "",
    v0Port: v <= 0 ? r.int32() : 0,
    endpoints: v >= 1 ? readArray(r, flex, false, (r) => readUpdateMetadataEndpoint(r, v)) : [],
    rack: v >= 2 ? r.nullableString(flex) : "",
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeUpdateMetadataBroker(w: Writer, v: number, m: Input<UpdateMetadataBroker>): void {
  const flex = v >= 6
  w.int32((m.id ?? 0))
  if (v <= 0) { w.string(m.v0Host ?? '', flex) }
  if (v <= 0) { w.int32((m.v0Port ?? 0)) }
  if (v >= 1) { writeArray(w, flex, false, m.endpoints, (w, e) => writeUpdateMetadataEndpoint(w, v, e)) }
  if (v >= 2) { w.nullableString(m.rack, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultUpdateMetadataEndpoint(): UpdateMetadataEndpoint {
  return {
    port: 0,
    host: "",
    listener: "",
    securityProtocol: 0,
  }
}

function readUpdateMetadataEndpoint(r: Reader, v: number): UpdateMetadataEndpoint {
  const flex = v >= 6
  const o: UpdateMetadataEndpoint = {
    port: v >= 1 ? r.int32() : 0,
    host: v >= 1 ? r.string(flex) : "",
    listener: v >= 3 ? r.string(flex) : "",
    securityProtocol: v >= 1 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeUpdateMetadataEndpoint(w: Writer, v: number, m: Input<UpdateMetadataEndpoint>): void {
  const flex = v >= 6
  if (v >= 1) { w.int32((m.port ?? 0)) }
  if (v >= 1) { w.string(m.host ?? '', flex) }
  if (v >= 3) { w.string(m.listener ?? '', flex) }
  if (v >= 1) { w.int16((m.securityProtocol ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
