// generated from DescribeLogDirsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeLogDirsResponseInfo = {
  name: 'DescribeLogDirsResponse',
  apiKey: 35,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DescribeLogDirsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The log directories. */
  results: DescribeLogDirsResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeLogDirsResult {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The absolute log directory path. */
  logDir: string
  /** Each topic. */
  topics: DescribeLogDirsTopic[]
  /** The total size in bytes of the volume the log directory is in. */
  totalBytes: bigint
  /** The usable size in bytes of the volume the log directory is in. */
  usableBytes: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeLogDirsTopic {
  /** The topic name. */
  name: string
  partitions: DescribeLogDirsPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeLogDirsPartition {
  /** The partition index. */
  partitionIndex: number
  /** The size of the log segments in this partition in bytes. */
  partitionSize: bigint
  /** The lag of the log's LEO w.r.t. partition's HW (if it is the current log for the partition) or current replica's LEO (if it is the future log for the partition) */
  offsetLag: bigint
  /** True if this log is created by AlterReplicaLogDirsRequest and will replace the current log of the replica in the future. */
  isFutureKey: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeLogDirsResponse(r: Reader, v: number): DescribeLogDirsResponse {
  const flex = v >= 2
  const o: DescribeLogDirsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: v >= 3 ? r.int16() : 0,
    results: readArray(r, flex, false, (r) => readDescribeLogDirsResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeLogDirsResponse(w: Writer, v: number, m: Input<DescribeLogDirsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  if (v >= 3) { w.int16((m.errorCode ?? 0)) }
  writeArray(w, flex, false, m.results, (w, e) => writeDescribeLogDirsResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeLogDirsResult(): DescribeLogDirsResult {
  return {
    errorCode: 0,
    logDir: "",
    topics: [],
    totalBytes: -1n,
    usableBytes: -1n,
  }
}

function readDescribeLogDirsResult(r: Reader, v: number): DescribeLogDirsResult {
  const flex = v >= 2
  const o: DescribeLogDirsResult = {
    errorCode: r.int16(),
    logDir: r.string(flex),
    topics: readArray(r, flex, false, (r) => readDescribeLogDirsTopic(r, v)),
    totalBytes: v >= 4 ? r.int64() : -1n,
    usableBytes: v >= 4 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeLogDirsResult(w: Writer, v: number, m: Input<DescribeLogDirsResult>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.string(m.logDir ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeDescribeLogDirsTopic(w, v, e))
  if (v >= 4) { w.int64((m.totalBytes ?? -1n)) }
  if (v >= 4) { w.int64((m.usableBytes ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeLogDirsTopic(): DescribeLogDirsTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readDescribeLogDirsTopic(r: Reader, v: number): DescribeLogDirsTopic {
  const flex = v >= 2
  const o: DescribeLogDirsTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => readDescribeLogDirsPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeLogDirsTopic(w: Writer, v: number, m: Input<DescribeLogDirsTopic>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => writeDescribeLogDirsPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeLogDirsPartition(): DescribeLogDirsPartition {
  return {
    partitionIndex: 0,
    partitionSize: 0n,
    offsetLag: 0n,
    isFutureKey: false,
  }
}

function readDescribeLogDirsPartition(r: Reader, v: number): DescribeLogDirsPartition {
  const flex = v >= 2
  const o: DescribeLogDirsPartition = {
    partitionIndex: r.int32(),
    partitionSize: r.int64(),
    offsetLag: r.int64(),
    isFutureKey: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeLogDirsPartition(w: Writer, v: number, m: Input<DescribeLogDirsPartition>): void {
  const flex = v >= 2
  w.int32((m.partitionIndex ?? 0))
  w.int64((m.partitionSize ?? 0n))
  w.int64((m.offsetLag ?? 0n))
  w.bool((m.isFutureKey ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
