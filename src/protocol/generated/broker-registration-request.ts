// generated from BrokerRegistrationRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const BrokerRegistrationRequestInfo = {
  name: 'BrokerRegistrationRequest',
  apiKey: 62,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface BrokerRegistrationRequest {
  /** The broker ID. */
  brokerId: number
  /** The cluster id of the broker process. */
  clusterId: string
  /** The incarnation id of the broker process. */
  incarnationId: string
  /** The listeners of this broker */
  listeners: Listener[]
  /** The features on this broker. Note: in v0-v3, features with MinSupportedVersion = 0 are omitted. */
  features: Feature[]
  /** The rack which this broker is in. */
  rack: string | null
  /** If the required configurations for ZK migration are present, this value is set to true */
  isMigratingZkBroker: boolean
  /** Log directories configured in this broker which are available. */
  logDirs: string[]
  /** The epoch before a clean shutdown. */
  previousBrokerEpoch: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Listener {
  /** The name of the endpoint. */
  name: string
  /** The hostname. */
  host: string
  /** The port. */
  port: number
  /** The security protocol. */
  securityProtocol: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Feature {
  /** The feature name. */
  name: string
  /** The minimum supported feature level. */
  minSupportedVersion: number
  /** The maximum supported feature level. */
  maxSupportedVersion: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeBrokerRegistrationRequest(r: Reader, v: number): BrokerRegistrationRequest {
  const flex = v >= 0
  const o: BrokerRegistrationRequest = {
    brokerId: r.int32(),
    clusterId: r.string(flex),
    incarnationId: r.uuid(),
    listeners: readArray(r, flex, false, (r) => readListener(r, v)),
    features: readArray(r, flex, false, (r) => readFeature(r, v)),
    rack: r.nullableString(flex),
    isMigratingZkBroker: v >= 1 ? r.bool() : false,
    logDirs: v >= 2 ? readArray(r, flex, false, (r) => r.uuid()) : [],
    previousBrokerEpoch: v >= 3 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeBrokerRegistrationRequest(w: Writer, v: number, m: Input<BrokerRegistrationRequest>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  w.string(m.clusterId ?? '', flex)
  w.uuid((m.incarnationId ?? ZERO_UUID))
  writeArray(w, flex, false, m.listeners, (w, e) => writeListener(w, v, e))
  writeArray(w, flex, false, m.features, (w, e) => writeFeature(w, v, e))
  w.nullableString(m.rack, flex)
  if (v >= 1) { w.bool((m.isMigratingZkBroker ?? false)) }
  if (v >= 2) { writeArray(w, flex, false, m.logDirs, (w, e) => w.uuid(e)) }
  if (v >= 3) { w.int64((m.previousBrokerEpoch ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListener(): Listener {
  return {
    name: "",
    host: "",
    port: 0,
    securityProtocol: 0,
  }
}

function readListener(r: Reader, v: number): Listener {
  const flex = v >= 0
  const o: Listener = {
    name: r.string(flex),
    host: r.string(flex),
    port: r.uint16(),
    securityProtocol: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListener(w: Writer, v: number, m: Input<Listener>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  w.string(m.host ?? '', flex)
  w.uint16((m.port ?? 0))
  w.int16((m.securityProtocol ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFeature(): Feature {
  return {
    name: "",
    minSupportedVersion: 0,
    maxSupportedVersion: 0,
  }
}

function readFeature(r: Reader, v: number): Feature {
  const flex = v >= 0
  const o: Feature = {
    name: r.string(flex),
    minSupportedVersion: r.int16(),
    maxSupportedVersion: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFeature(w: Writer, v: number, m: Input<Feature>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  w.int16((m.minSupportedVersion ?? 0))
  w.int16((m.maxSupportedVersion ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
