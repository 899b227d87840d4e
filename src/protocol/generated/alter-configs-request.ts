// generated from AlterConfigsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterConfigsRequestInfo = {
  name: 'AlterConfigsRequest',
  apiKey: 33,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface AlterConfigsRequest {
  /** The updates for each resource. */
  resources: AlterConfigsResource[]
  /** True if we should validate the request, but not change the configurations. */
  validateOnly: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterConfigsResource {
  /** The resource type. */
  resourceType: number
  /** The resource name. */
  resourceName: string
  /** The configurations. */
  configs: AlterableConfig[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterableConfig {
  /** The configuration key name. */
  name: string
  /** The value to set for the configuration key. */
  value: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterConfigsRequest(r: Reader, v: number): AlterConfigsRequest {
  const flex = v >= 2
  const o: AlterConfigsRequest = {
    resources: readArray(r, flex, false, (r) => readAlterConfigsResource(r, v)),
    validateOnly: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterConfigsRequest(w: Writer, v: number, m: Input<AlterConfigsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.resources, (w, e) => writeAlterConfigsResource(w, v, e))
  w.bool((m.validateOnly ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterConfigsResource(): AlterConfigsResource {
  return {
    resourceType: 0,
    resourceName: "",
    configs: [],
  }
}

function readAlterConfigsResource(r: Reader, v: number): AlterConfigsResource {
  const flex = v >= 2
  const o: AlterConfigsResource = {
    resourceType: r.int8(),
    resourceName: r.string(flex),
    configs: readArray(r, flex, false, (r) => readAlterableConfig(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterConfigsResource(w: Writer, v: number, m: Input<AlterConfigsResource>): void {
  const flex = v >= 2
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  writeArray(w, flex, false, m.configs, (w, e) => writeAlterableConfig(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterableConfig(): AlterableConfig {
  return {
    name: "",
    value: "",
  }
}

function readAlterableConfig(r: Reader, v: number): AlterableConfig {
  const flex = v >= 2
  const o: AlterableConfig = {
    name: r.string(flex),
    value: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterableConfig(w: Writer, v: number, m: Input<AlterableConfig>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  w.nullableString(m.value, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
