// generated from DescribeAclsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const DescribeAclsRequestInfo = {
  name: 'DescribeAclsRequest',
  apiKey: 29,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DescribeAclsRequest {
  /** The resource type. */
  resourceTypeFilter: number
  /** The resource name, or null to match any resource name. */
  resourceNameFilter: string | null
  /** The resource pattern to match. */
  patternTypeFilter: number
  /** The principal to match, or null to match any principal. */
  principalFilter: string | null
  /** The host to match, or null to match any host. */
  hostFilter: string | null
  /** The operation to match. */
  operation: number
  /** The permission type to match. */
  permissionType: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeAclsRequest(r: Reader, v: number): DescribeAclsRequest {
  const flex = v >= 2
  const o: DescribeAclsRequest = {
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

export function encodeDescribeAclsRequest(w: Writer, v: number, m: Input<DescribeAclsRequest>): void {
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
