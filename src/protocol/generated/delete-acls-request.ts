// generated from DeleteAclsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DeleteAclsRequestInfo = {
  name: 'DeleteAclsRequest',
  apiKey: 31,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DeleteAclsRequest {
  /** The filters to use when deleting ACLs. */
  filters: DeleteAclsFilter[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteAclsFilter {
  /** The resource type. */
  resourceTypeFilter: number
  /** The resource name. */
  resourceNameFilter: string | null
  /** The pattern type. */
  patternTypeFilter: number
  /** The principal filter, or null to accept all principals. */
  principalFilter: string | null
  /** The host filter, or null to accept all hosts. */
  hostFilter: string | null
  /** The ACL operation. */
  operation: number
  /** The permission type. */
  permissionType: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteAclsRequest(r: Reader, v: number): DeleteAclsRequest {
  const flex = v >= 2
  const o: DeleteAclsRequest = {
    filters: readArray(r, flex, false, (r) => readDeleteAclsFilter(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteAclsRequest(w: Writer, v: number, m: Input<DeleteAclsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.filters, (w, e) => writeDeleteAclsFilter(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteAclsFilter(): DeleteAclsFilter {
  return {
    resourceTypeFilter: 0,
    resourceNameFilter: "",
    patternTypeFilter: 3,
    principalFilter: "",
    hostFilter: "",
    operation: 0,
    permissionType: 0,
  }
}

function readDeleteAclsFilter(r: Reader, v: number): DeleteAclsFilter {
  const flex = v >= 2
  const o: DeleteAclsFilter = {
    resourceTypeFilter: r.int8(),
    resourceNameFilter: r.nullableString(flex),
    patternTypeFilter: v >= 1 ? r.int8() : 3,
    principalFilter: r.nullableString(flex),
    hostFilter: r.nullableString(flex),
    operation: r.int8(),
    permissionType: r.int8(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteAclsFilter(w: Writer, v: number, m: Input<DeleteAclsFilter>): void {
  const flex = v >= 2
  w.int8((m.resourceTypeFilter ?? 0))
  w.nullableString(m.resourceNameFilter, flex)
  if (v >= 1) { w.int8((m.patternTypeFilter ?? 3)) }
  w.nullableString(m.principalFilter, flex)
  w.nullableString(m.hostFilter, flex)
  w.int8((m.operation ?? 0))
  w.int8((m.permissionType ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
