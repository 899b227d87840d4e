// generated from ControllerRegistrationRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const ControllerRegistrationRequestInfo = {
  name: 'ControllerRegistrationRequest',
  apiKey: 70,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ControllerRegistrationRequest {
  /** The ID of the controller to register. */
  controllerId: number
  /** The controller incarnation ID, which is unique to each process run. */
  incarnationId: string
  /** Set if the required configurations for ZK migration are present. */
  zkMigrationReady: boolean
  /** The listeners of this controller */
  listeners: Listener[]
  /** The features on this controller */
  features: Feature[]
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

export function decodeControllerRegistrationRequest(r: Reader, v: number): ControllerRegistrationRequest {
  const flex = v >= 0
  const o: ControllerRegistrationRequest = {
    controllerId: r.int32(),
    incarnationId: r.uuid(),
    zkMigrationReady: r.bool(),
    listeners: readArray(r, flex, false, (r) => readListener(r, v)),
    features: readArray(r, flex, false, (r) => readFeature(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeControllerRegistrationRequest(w: Writer, v: number, m: Input<ControllerRegistrationRequest>): void {
  const flex = v >= 0
  w.int32((m.controllerId ?? 0))
  w.uuid((m.incarnationId ?? ZERO_UUID))
  w.bool((m.zkMigrationReady ?? false))
  writeArray(w, flex, false, m.listeners, (w, e) => writeListener(w, v, e))
  writeArray(w, flex, false, m.features, (w, e) => writeFeature(w, v, e))
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
