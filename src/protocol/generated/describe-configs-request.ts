// generated from DescribeConfigsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeConfigsRequestInfo = {
  name: 'DescribeConfigsRequest',
  apiKey: 32,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. */
  resources: DescribeConfigsResource[]
  /** True if we should include all synonyms. */
  includeSynonyms: boolean
  /** True if we should include configuration documentation. */
  includeDocumentation: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeConfigsResource {
  /** The resource type. */
  resourceType: number
  /** The resource name. */
  resourceName: string
  /** The configuration keys to list, or null to list all configuration keys. */
  configurationKeys: string[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeConfigsRequest(r: Reader, v: number): DescribeConfigsRequest {
  const flex = v >= 4
  const o: DescribeConfigsRequest = {
    resources: readArray(r, flex, false, (r) => readDescribeConfigsResource(r, v)),
    includeSynonyms: v >= 1 ? r.bool() : false,
    includeDocumentation: v >= 3 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeConfigsRequest(w: Writer, v: number, m: Input<DescribeConfigsRequest>): void {
  const flex = v >= 4
  writeArray(w, flex, false, m.resources, (w, e) => writeDescribeConfigsResource(w, v, e))
  if (v >= 1) { w.bool((m.includeSynonyms ?? false)) }
  if (v >= 3) { w.bool((m.includeDocumentation ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeConfigsResource(): DescribeConfigsResource {
  return {
    resourceType: 0,
    resourceName: "",
    configurationKeys: [],
  }
}

function readDescribeConfigsResource(r: Reader, v: number): DescribeConfigsResource {
  const flex = v >= 4
  const o: DescribeConfigsResource = {
    resourceType: r.int8(),
    resourceName: r.string(flex),
    configurationKeys: readArray(r, flex, true, (r) => r.string(flex)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeConfigsResource(w: Writer, v: number, m: Input<DescribeConfigsResource>): void {
  const flex = v >= 4
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  writeArray(w, flex, true, m.configurationKeys, (w, e) => w.string(e ?? '', flex))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
