// generated from DeleteAclsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DeleteAclsResponseInfo = {
  name: 'DeleteAclsResponse',
  apiKey: 31,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DeleteAclsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The results for each filter. */
  filterResults: DeleteAclsFilterResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteAclsFilterResult {
  /** The error code, or 0 if the filter succeeded. */
  errorCode: number
  /** The error message, or null if the filter succeeded. */
  errorMessage: string | null
  /** The ACLs which matched this filter. */
  matchingAcls: DeleteAclsMatchingAcl[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteAclsMatchingAcl {
  /** The deletion error code, or 0 if the deletion succeeded. */
  errorCode: number
  /** The deletion error message, or null if the deletion succeeded. */
  errorMessage: string | null
  /** The ACL resource type. */
  resourceType: number
  /** The ACL resource name. */
  resourceName: string
  /** The ACL resource pattern type. */
  patternType: number
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

export function decodeDeleteAclsResponse(r: Reader, v: number): DeleteAclsResponse {
  const flex = v >= 2
  const o: DeleteAclsResponse = {
    throttleTimeMs: r.int32(),
    filterResults: readArray(r, flex, false, (r) => readDeleteAclsFilterResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteAclsResponse(w: Writer, v: number, m: Input<DeleteAclsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.filterResults, (w, e) => writeDeleteAclsFilterResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteAclsFilterResult(): DeleteAclsFilterResult {
  return {
    errorCode: 0,
    errorMessage: "",
    matchingAcls: [],
  }
}

function readDeleteAclsFilterResult(r: Reader, v: number): DeleteAclsFilterResult {
  const flex = v >= 2
  const o: DeleteAclsFilterResult = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    matchingAcls: readArray(r, flex, false, (r) => readDeleteAclsMatchingAcl(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteAclsFilterResult(w: Writer, v: number, m: Input<DeleteAclsFilterResult>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.matchingAcls, (w, e) => writeDeleteAclsMatchingAcl(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteAclsMatchingAcl(): DeleteAclsMatchingAcl {
  return {
    errorCode: 0,
    errorMessage: "",
    resourceType: 0,
    resourceName: "",
    patternType: 3,
    principal: "",
    host: "",
    operation: 0,
    permissionType: 0,
  }
}

function readDeleteAclsMatchingAcl(r: Reader, v: number): DeleteAclsMatchingAcl {
  const flex = v >= 2
  const o: DeleteAclsMatchingAcl = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    resourceType: r.int8(),
    resourceName: r.string(flex),
    patternType: v >= 1 ? r.int8() : 3,
    principal: r.string(flex),
    host: r.string(flex),
    operation: r.int8(),
    permissionType: r.int8(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteAclsMatchingAcl(w: Writer, v: number, m: Input<DeleteAclsMatchingAcl>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  if (v >= 1) { w.int8((m.patternType ?? 3)) }
  w.string(m.principal ?? '', flex)
  w.string(m.host ?? '', flex)
  w.int8((m.operation ?? 0))
  w.int8((m.permissionType ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
