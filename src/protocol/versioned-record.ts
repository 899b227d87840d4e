/**
 * Records of Kafka's internal topics (`__consumer_offsets`, `__transaction_state`): an int16
 * version, then the schema's fields at that version (Kafka's MessageUtil.toVersionPrefixedBytes).
 * A key's version also says which record it is.
 */
import { Reader } from './reader.js'
import { Writer } from './writer.js'
import { ProtocolError } from '../errors.js'
import type { Input } from './codec-support.js'

interface SchemaInfo {
  readonly name: string
  readonly minVersion: number
  readonly maxVersion: number
}

export function writeVersioned<T>(encode: (w: Writer, v: number, m: Input<T>) => void, version: number, m: Input<T>): Buffer {
  const w = new Writer(64)
  w.int16(version)
  encode(w, version, m)
  return w.toBuffer()
}

/** The version a record starts with. */
export function recordVersion(buf: Buffer): number {
  if (buf.length < 2) throw new ProtocolError(`record of ${buf.length} bytes has no version`)
  return buf.readInt16BE(0)
}

/** Decodes a version-prefixed record; a version the schema does not define is a ProtocolError. */
export function readVersioned<T>(buf: Buffer, decode: (r: Reader, v: number) => T, info: SchemaInfo): T {
  const version = recordVersion(buf)
  if (version < info.minVersion || version > info.maxVersion) throw new ProtocolError(`unknown ${info.name} version ${version}`)
  return decode(new Reader(buf, 2), version)
}
