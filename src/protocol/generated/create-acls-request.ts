// generated from CreateAclsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const CreateAclsRequestInfo = {
  name: 'CreateAclsRequest',
  apiKey: 30,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface CreateAclsRequest {
  /** The ACLs that we want to create. */
  creations: AclCreation[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AclCreation {
  /** The type of the resource. */
  resourceType: number
  /** The resource name for the ACL. */
  resourceName: string
  /** The pattern type for the ACL. */
  resourcePatternType: number
  /** The principal for the ACL. */
  principal: string
  /** The host for the ACL. */
  host: string
  /** The operation type for the ACL (read, write, etc.). */
  operation: number
  /** The permission type for the ACL (allow, deny, etc.). */
  permissionType: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreateAclsRequest(r: Reader, v: number): CreateAclsRequest {
  const flex = v >= 2
  const o: CreateAclsRequest = {
    creations: readArray(r, flex, false, (r) => readAclCreation(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreateAclsRequest(w: Writer, v: number, m: Input<CreateAclsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.creations, (w, e) => writeAclCreation(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAclCreation(): AclCreation {
  return {
    resourceType: 0,
    resourceName: "",
    resourcePatternType: 3,
    principal: "",
    host: "",
    operation: 0,
    permissionType: 0,
  }
}

function readAclCreation(r: Reader, v: number): AclCreation {
  const flex = v >= 2
  const o: AclCreation = {
    resourceType: r.int8(),
    resourceName: r.string(flex),
    resourcePatternType: v >= 1 ? r.int8() : 3,
    principal: r.string(flex),
    host: r.string(flex),
    operation: r.int8(),
    permissionType: r.int8(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAclCreation(w: Writer, v: number, m: Input<AclCreation>): void {
  const flex = v >= 2
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  if (v >= 1) { w.int8((m.resourcePatternType ?? 3)) }
  w.string(m.principal ?? '', flex)
  w.string(m.host ?? '', flex)
  w.int8((m.operation ?? 0))
  w.int8((m.permissionType ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
