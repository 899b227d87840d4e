// generated from DescribeConfigsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeConfigsResponseInfo = {
  name: 'DescribeConfigsResponse',
  apiKey: 32,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The results for each resource. */
  results: DescribeConfigsResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeConfigsResult {
  /** The error code, or 0 if we were able to successfully describe the configurations. */
  errorCode: number
  /** The error message, or null if we were able to successfully describe the configurations. */
  errorMessage: string | null
  /** The resource type. */
  resourceType: number
  /** The resource name. */
  resourceName: string
  /** Each listed configuration. */
  configs: DescribeConfigsResourceResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeConfigsResourceResult {
  /** The configuration name. */
  name: string
  /** The configuration value. */
  value: string | null
  /** True if the configuration is read-only. */
  readOnly: boolean
  /** True if the configuration is not set. */
  isDefault: boolean
  /** The configuration source. */
  configSource: number
  /** True if this configuration is sensitive. */
  isSensitive: boolean
  /** The synonyms for this configuration key. */
  synonyms: DescribeConfigsSynonym[]
  /** The configuration data type. Type can be one of the following values - BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD */
  configType: number
  /** The configuration documentation. */
  documentation: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeConfigsSynonym {
  /** The synonym name. */
  name: string
  /** The synonym value. */
  value: string | null
  /** The synonym source. */
  source: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeConfigsResponse(r: Reader, v: number): DescribeConfigsResponse {
  const flex = v >= 4
  const o: DescribeConfigsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, flex, false, (r) => readDescribeConfigsResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeConfigsResponse(w: Writer, v: number, m: Input<DescribeConfigsResponse>): void {
  const flex = v >= 4
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.results, (w, e) => writeDescribeConfigsResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeConfigsResult(): DescribeConfigsResult {
  return {
    errorCode: 0,
    errorMessage: "",
    resourceType: 0,
    resourceName: "",
    configs: [],
  }
}

function readDescribeConfigsResult(r: Reader, v: number): DescribeConfigsResult {
  const flex = v >= 4
  const o: DescribeConfigsResult = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    resourceType: r.int8(),
    resourceName: r.string(flex),
    configs: readArray(r, flex, false, (r) => readDescribeConfigsResourceResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeConfigsResult(w: Writer, v: number, m: Input<DescribeConfigsResult>): void {
  const flex = v >= 4
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  writeArray(w, flex, false, m.configs, (w, e) => writeDescribeConfigsResourceResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeConfigsResourceResult(): DescribeConfigsResourceResult {
  return {
    name: "",
    value: "",
    readOnly: false,
    isDefault: false,
    configSource: -1,
    isSensitive: false,
    synonyms: [],
    configType: 0,
    documentation: "",
  }
}

function readDescribeConfigsResourceResult(r: Reader, v: number): DescribeConfigsResourceResult {
  const flex = v >= 4
  const o: DescribeConfigsResourceResult = {
    name: r.string(flex),
    value: r.nullableString(flex),
    readOnly: r.bool(),
    isDefault: v <= 0 ? r.bool() : false,
    configSource: v >= 1 ? r.int8() : -1,
    isSensitive: r.bool(),
    synonyms: v >= 1 ? readArray(r, flex, false, (r) => readDescribeConfigsSynonym(r, v)) : [],
    configType: v >= 3 ? r.int8() : 0,
    documentation: v >= 3 ? r.nullableString(flex) : "",
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeConfigsResourceResult(w: Writer, v: number, m: Input<DescribeConfigsResourceResult>): void {
  const flex = v >= 4
  w.string(m.name ?? '', flex)
  w.nullableString(m.value, flex)
  w.bool((m.readOnly ?? false))
  if (v <= 0) { w.bool((m.isDefault ?? false)) }
  if (v >= 1) { w.int8((m.configSource ?? -1)) }
  w.bool((m.isSensitive ?? false))
  if (v >= 1) { writeArray(w, flex, false, m.synonyms, (w, e) => writeDescribeConfigsSynonym(w, v, e)) }
  if (v >= 3) { w.int8((m.configType ?? 0)) }
  if (v >= 3) { w.nullableString(m.documentation, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeConfigsSynonym(): DescribeConfigsSynonym {
  return {
    name: "",
    value: "",
    source: 0,
  }
}

function readDescribeConfigsSynonym(r: Reader, v: number): DescribeConfigsSynonym {
  const flex = v >= 4
  const o: DescribeConfigsSynonym = {
    name: v >= 1 ? r.string(flex) : "",
    value: v >= 1 ? r.nullableString(flex) : "",
    source: v >= 1 ? r.int8() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeConfigsSynonym(w: Writer, v: number, m: Input<DescribeConfigsSynonym>): void {
  const flex = v >= 4
  if (v >= 1) { w.string(m.name ?? '', flex) }
  if (v >= 1) { w.nullableString(m.value, flex) }
  if (v >= 1) { w.int8((m.source ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
