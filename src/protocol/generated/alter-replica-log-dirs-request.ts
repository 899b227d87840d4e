// generated from AlterReplicaLogDirsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterReplicaLogDirsRequestInfo = {
  name: 'AlterReplicaLogDirsRequest',
  apiKey: 34,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface AlterReplicaLogDirsRequest {
  /** The alterations to make for each directory. */
  dirs: AlterReplicaLogDir[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterReplicaLogDir {
  /** The absolute directory path. */
  path: string
  /** The topics to add to the directory. */
  topics: AlterReplicaLogDirTopic[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterReplicaLogDirTopic {
  /** The topic name. */
  name: string
  /** The partition indexes. */
  partitions: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterReplicaLogDirsRequest(r: Reader, v: number): AlterReplicaLogDirsRequest {
  const flex = v >= 2
  const o: AlterReplicaLogDirsRequest = {
    dirs: readArray(r, flex, false, (r) => readAlterReplicaLogDir(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterReplicaLogDirsRequest(w: Writer, v: number, m: Input<AlterReplicaLogDirsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.dirs, (w, e) => writeAlterReplicaLogDir(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterReplicaLogDir(): AlterReplicaLogDir {
  return {
    path: "",
    topics: [],
  }
}

function readAlterReplicaLogDir(r: Reader, v: number): AlterReplicaLogDir {
  const flex = v >= 2
  const o: AlterReplicaLogDir = {
    path: r.string(flex),
    topics: readArray(r, flex, false, (r) => readAlterReplicaLogDirTopic(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterReplicaLogDir(w: Writer, v: number, m: Input<AlterReplicaLogDir>): void {
  const flex = v >= 2
  w.string(m.path ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeAlterReplicaLogDirTopic(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterReplicaLogDirTopic(): AlterReplicaLogDirTopic {
  return {
    name: "",
    partitions: [],
  }
}

function readAlterReplicaLogDirTopic(r: Reader, v: number): AlterReplicaLogDirTopic {
  const flex = v >= 2
  const o: AlterReplicaLogDirTopic = {
    name: r.string(flex),
    partitions: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterReplicaLogDirTopic(w: Writer, v: number, m: Input<AlterReplicaLogDirTopic>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  writeArray(w, flex, false, m.partitions, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
