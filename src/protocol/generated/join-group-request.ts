// generated from JoinGroupRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../codec-support.js'

export const JoinGroupRequestInfo = {
  name: 'JoinGroupRequest',
  apiKey: 11,
  type: 'request',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface JoinGroupRequest {
  /** The group identifier. */
  groupId: string
  /** The coordinator considers the consumer dead if it receives no heartbeat after this timeout in milliseconds. */
  sessionTimeoutMs: number
  /** The maximum time in milliseconds that the coordinator will wait for each member to rejoin when rebalancing the group. */
  rebalanceTimeoutMs: number
  /** The member id assigned by the group coordinator. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** The unique name the for class of protocols implemented by the group we want to join. */
  protocolType: string
  /** The list of protocols that the member supports. */
  protocols: JoinGroupRequestProtocol[]
  /** The reason why the member (re-)joins the group. */
  reason: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface JoinGroupRequestProtocol {
  /** The protocol name. */
  name: string
  /** The protocol metadata. */
  metadata: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeJoinGroupRequest(r: Reader, v: number): JoinGroupRequest {
  const flex = v >= 6
  const o: JoinGroupRequest = {
    groupId: r.string(flex),
    sessionTimeoutMs: r.int32(),
    rebalanceTimeoutMs: v >= 1 ? r.int32() : -1,
    memberId: r.string(flex),
    groupInstanceId: v >= 5 ? r.nullableString(flex) : null,
    protocolType: r.string(flex),
    protocols: readArray(r, flex, false, (r) => readJoinGroupRequestProtocol(r, v)),
    reason: v >= 8 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeJoinGroupRequest(w: Writer, v: number, m: Input<JoinGroupRequest>): void {
  const flex = v >= 6
  w.string(m.groupId ?? '', flex)
  w.int32((m.sessionTimeoutMs ?? 0))
  if (v >= 1) { w.int32((m.rebalanceTimeoutMs ?? -1)) }
  w.string(m.memberId ?? '', flex)
  if (v >= 5) { w.nullableString(m.groupInstanceId, flex) }
  w.string(m.protocolType ?? '', flex)
  writeArray(w, flex, false, m.protocols, (w, e) => writeJoinGroupRequestProtocol(w, v, e))
  if (v >= 8) { w.nullableString(m.reason, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultJoinGroupRequestProtocol(): JoinGroupRequestProtocol {
  return {
    name: "",
    metadata: EMPTY,
  }
}

function readJoinGroupRequestProtocol(r: Reader, v: number): JoinGroupRequestProtocol {
  const flex = v >= 6
  const o: JoinGroupRequestProtocol = {
    name: r.string(flex),
    metadata: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeJoinGroupRequestProtocol(w: Writer, v: number, m: Input<JoinGroupRequestProtocol>): void {
  const flex = v >= 6
  w.string(m.name ?? '', flex)
  w.records(m.metadata ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
