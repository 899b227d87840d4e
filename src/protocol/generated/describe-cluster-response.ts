// generated from DescribeClusterResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeClusterResponseInfo = {
  name: 'DescribeClusterResponse',
  apiKey: 60,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeClusterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error */
  errorCode: number
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null
  /** The endpoint type that was described. 1=brokers, 2=controllers. */
  endpointType: number
  /** The cluster ID that responding broker belongs to. */
  clusterId: string
  /** The ID of the controller broker. */
  controllerId: number
  /** Each broker in the response. */
  brokers: DescribeClusterBroker[]
  /** 32-bit bitfield to represent authorized operations for this cluster. */
  clusterAuthorizedOperations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeClusterBroker {
  /** The broker ID. */
  brokerId: number
  /** The broker hostname. */
  host: string
  /** The broker port. */
  port: number
  /** The rack of the broker, or null if it has not been assigned to a rack. */
  rack: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeClusterResponse(r: Reader, v: number): DescribeClusterResponse {
  const flex = v >= 0
  const o: DescribeClusterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    endpointType: v >= 1 ? r.int8() : 1,
    clusterId: r.string(flex),
    controllerId: r.int32(),
    brokers: readArray(r, flex, false, (r) => readDescribeClusterBroker(r, v)),
    clusterAuthorizedOperations: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeClusterResponse(w: Writer, v: number, m: Input<DescribeClusterResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (v >= 1) { w.int8((m.endpointType ?? 1)) }
  w.string(m.clusterId ?? '', flex)
  w.int32((m.controllerId ?? -1))
  writeArray(w, flex, false, m.brokers, (w, e) => writeDescribeClusterBroker(w, v, e))
  w.int32((m.clusterAuthorizedOperations ?? -2147483648))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeClusterBroker(): DescribeClusterBroker {
  return {
    brokerId: 0,
    host: "",
    port: 0,
    rack: null,
  }
}

function readDescribeClusterBroker(r: Reader, v: number): DescribeClusterBroker {
  const flex = v >= 0
  const o: DescribeClusterBroker = {
    brokerId: r.int32(),
    host: r.string(flex),
    port: r.int32(),
    rack: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeClusterBroker(w: Writer, v: number, m: Input<DescribeClusterBroker>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  w.string(m.host ?? '', flex)
  w.int32((m.port ?? 0))
  w.nullableString(m.rack, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
