// generated from IncrementalAlterConfigsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const IncrementalAlterConfigsRequestInfo = {
  name: 'IncrementalAlterConfigsRequest',
  apiKey: 44,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface IncrementalAlterConfigsRequest {
  /** The incremental updates for each resource. */
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
  /** The type (Set, Delete, Append, Subtract) of operation. */
  configOperation: number
  /** The value to set for the configuration key. */
  value: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeIncrementalAlterConfigsRequest(r: Reader, v: number): IncrementalAlterConfigsRequest {
  const flex = v >= 1
  const o: IncrementalAlterConfigsRequest = {
    resources: readArray(r, flex, false, (r) => readAlterConfigsResource(r, v)),
    validateOnly: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeIncrementalAlterConfigsRequest(w: Writer, v: number, m: Input<IncrementalAlterConfigsRequest>): void {
  const flex = v >= 1
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
  const flex = v >= 1
  const o: AlterConfigsResource = {
    resourceType: r.int8(),
    resourceName: r.string(flex),
    configs: readArray(r, flex, false, (r) => readAlterableConfig(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterConfigsResource(w: Writer, v: number, m: Input<AlterConfigsResource>): void {
  const flex = v >= 1
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  writeArray(w, flex, false, m.configs, (w, e) => writeAlterableConfig(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterableConfig(): AlterableConfig {
  return {
    name: "",
    configOperation: 0,
    value: "",
  }
}

function readAlterableConfig(r: Reader, v: number): AlterableConfig {
  const flex = v >= 1
  const o: AlterableConfig = {
    name: r.string(flex),
    configOperation: r.int8(),
    value: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterableConfig(w: Writer, v: number, m: Input<AlterableConfig>): void {
  const flex = v >= 1
  w.string(m.name ?? '', flex)
  w.int8((m.configOperation ?? 0))
  w.nullableString(m.value, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
