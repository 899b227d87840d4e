// generated from records/ConsumerGroupMemberMetadataValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../../codec-support.js'

export const ConsumerGroupMemberMetadataValueInfo = {
  name: 'ConsumerGroupMemberMetadataValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupMemberMetadataValue {
  /** The (optional) instance id. */
  instanceId: string | null
  /** The (optional) rack id. */
  rackId: string | null
  /** The client id. */
  clientId: string
  /** The client host. */
  clientHost: string
  /** The list of subscribed topic names. */
  subscribedTopicNames: string[]
  /** The subscribed topic regular expression. */
  subscribedTopicRegex: string | null
  /** The rebalance timeout */
  rebalanceTimeoutMs: number
  /** The server assignor to use; or null if not used. */
  serverAssignor: string | null
  /** The classic member metadata which includes the supported protocols of the consumer if it uses the classic protocol. The metadata is null if the consumer uses the consumer protocol. */
  classicMemberMetadata: ClassicMemberMetadata | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ClassicMemberMetadata {
  /** The session timeout if the consumer uses the classic protocol. */
  sessionTimeoutMs: number
  /** The list of protocols that the member supports if the consumer uses the classic protocol. */
  supportedProtocols: ClassicProtocol[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ClassicProtocol {
  /** The protocol name. */
  name: string
  /** The protocol metadata. */
  metadata: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupMemberMetadataValue(r: Reader, v: number): ConsumerGroupMemberMetadataValue {
  const flex = v >= 0
  const o: ConsumerGroupMemberMetadataValue = {
    instanceId: r.nullableString(flex),
    rackId: r.nullableString(flex),
    clientId: r.string(flex),
    clientHost: r.string(flex),
    subscribedTopicNames: readArray(r, flex, false, (r) => r.string(flex)),
    subscribedTopicRegex: r.nullableString(flex),
    rebalanceTimeoutMs: r.int32(),
    serverAssignor: r.nullableString(flex),
    classicMemberMetadata: null,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          o.classicMemberMetadata = readClassicMemberMetadata(r, v)
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeConsumerGroupMemberMetadataValue(w: Writer, v: number, m: Input<ConsumerGroupMemberMetadataValue>): void {
  const flex = v >= 0
  w.nullableString(m.instanceId, flex)
  w.nullableString(m.rackId, flex)
  w.string(m.clientId ?? '', flex)
  w.string(m.clientHost ?? '', flex)
  writeArray(w, flex, false, m.subscribedTopicNames, (w, e) => w.string(e ?? '', flex))
  w.nullableString(m.subscribedTopicRegex, flex)
  w.int32((m.rebalanceTimeoutMs ?? -1))
  w.nullableString(m.serverAssignor, flex)
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if (m.classicMemberMetadata != null) (t ??= []).push([0, (w) => { writeClassicMemberMetadata(w, v, m.classicMemberMetadata! ?? {}) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultClassicMemberMetadata(): ClassicMemberMetadata {
  return {
    sessionTimeoutMs: 0,
    supportedProtocols: [],
  }
}

function readClassicMemberMetadata(r: Reader, v: number): ClassicMemberMetadata {
  const flex = v >= 0
  const o: ClassicMemberMetadata = {
    sessionTimeoutMs: r.int32(),
    supportedProtocols: readArray(r, flex, false, (r) => readClassicProtocol(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeClassicMemberMetadata(w: Writer, v: number, m: Input<ClassicMemberMetadata>): void {
  const flex = v >= 0
  w.int32((m.sessionTimeoutMs ?? 0))
  writeArray(w, flex, false, m.supportedProtocols, (w, e) => writeClassicProtocol(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultClassicProtocol(): ClassicProtocol {
  return {
    name: "",
    metadata: EMPTY,
  }
}

function readClassicProtocol(r: Reader, v: number): ClassicProtocol {
  const flex = v >= 0
  const o: ClassicProtocol = {
    name: r.string(flex),
    metadata: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeClassicProtocol(w: Writer, v: number, m: Input<ClassicProtocol>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  w.records(m.metadata ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
