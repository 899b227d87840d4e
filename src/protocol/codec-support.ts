/** Small helpers shared by the generated codecs in ./generated. */
import type { Reader } from './reader.js'
import type { Writer } from './writer.js'
import type { TaggedField } from './reader.js'
import type { RecordsParts } from './transferable.js'

export const EMPTY: Buffer = Buffer.alloc(0)
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000'

/**
 * What an encoder accepts: every field optional (a missing one takes its Kafka default), and byte
 * fields may be a list of buffers and file regions (record data read from several segments).
 */
export type Input<T> = T extends Buffer
  ? RecordsParts
  : T extends TaggedField
    ? T
    : T extends ReadonlyArray<infer U>
      ? ReadonlyArray<Input<U>>
      : T extends bigint | number | string | boolean | null | undefined
        ? T
        : { [K in keyof T]?: Input<T[K]> }

export function readArray<T>(r: Reader, compact: boolean, nullable: boolean, item: (r: Reader) => T): T[] | null
export function readArray<T>(r: Reader, compact: boolean, nullable: false, item: (r: Reader) => T): T[]
export function readArray<T>(r: Reader, compact: boolean, nullable: boolean, item: (r: Reader) => T): T[] | null {
  const n = r.arrayLength(compact)
  if (n < 0) return nullable ? null : []
  const out = new Array<T>(n)
  for (let i = 0; i < n; i++) out[i] = item(r)
  return out
}

export function writeArray<T>(w: Writer, compact: boolean, nullable: boolean, items: readonly T[] | null | undefined, item: (w: Writer, e: T) => void): void {
  if (items == null) {
    if (nullable) w.nullArray(compact)
    else w.arrayLength(0, compact)
    return
  }
  w.arrayLength(items.length, compact)
  for (const e of items) item(w, e)
}
