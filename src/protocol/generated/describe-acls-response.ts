// generated from DescribeAclsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeAclsResponseInfo = {
  name: 'DescribeAclsResponse',
  apiKey: 29,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DescribeAclsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** Each Resource that is referenced in an ACL. */
  resources: DescribeAclsResource[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeAclsResource {
  /** The resource type. */
  resourceType: number
  /** The resource name. */
  resourceName: string
  /** The resource pattern type. */
  patternType: number
  /** The ACLs. */
  acls: AclDescription[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AclDescription {
  /** The ACL principal. */
  principal: string
  /** The ACL host. */
  host: string
  /** The ACL operation. */
  operation: number
  /** The ACL permission type. */
  permissionType: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeAclsResponse(r: Reader, v: number): DescribeAclsResponse {
  const flex = v >= 2
  const o: DescribeAclsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    resources: readArray(r, flex, false, (r) => readDescribeAclsResource(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeAclsResponse(w: Writer, v: number, m: Input<DescribeAclsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.resources, (w, e) => writeDescribeAclsResource(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeAclsResource(): DescribeAclsResource {
  return {
    resourceType: 0,
    resourceName: "",
    patternType: 3,
    acls: [],
  }
}

function readDescribeAclsResource(r: Reader, v: number): DescribeAclsResource {
  const flex = v >= 2
  const o: DescribeAclsResource = {
    resourceType: r.int8(),
    resourceName: r.string(flex),
    patternType: v >= 1 ? r.int8() : 3,
    acls: readArray(r, flex, false, (r) => readAclDescription(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeAclsResource(w: Writer, v: number, m: Input<DescribeAclsResource>): void {
  const flex = v >= 2
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  if (v >= 1) { w.int8((m.patternType ?? 3)) }
  writeArray(w, flex, false, m.acls, (w, e) => writeAclDescription(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAclDescription(): AclDescription {
  return {
    principal: "",
    host: "",
    operation: 0,
    permissionType: 0,
  }
}

function readAclDescription(r: Reader, v: number): AclDescription {
  const flex = v >= 2
  const o: AclDescription = {
    principal: r.string(flex),
    host: r.string(flex),
    operation: r.int8(),
    permissionType: r.int8(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAclDescription(w: Writer, v: number, m: Input<AclDescription>): void {
  const flex = v >= 2
  w.string(m.principal ?? '', flex)
  w.string(m.host ?? '', flex)
  w.int8((m.operation ?? 0))
  w.int8((m.permissionType ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
