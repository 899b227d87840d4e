/**
 * Bytes a response carries by reference and that are read only as the socket drains (Kafka's
 * TransferableRecords: a Fetch's file regions, see storage/file-region.ts). The Writer counts
 * `length` in the frame and keeps the object in its chunk list; the connection copies the bytes
 * out chunk by chunk and calls release() once the response is written or dropped.
 */
export interface Transferable {
  readonly length: number
  /**
   * Copies up to `length` bytes from `offset` within the region into `target` at
   * `targetOffset`; returns how many it copied (fewer only if the bytes are no longer there).
   */
  copyTo(target: Buffer, targetOffset: number, offset: number, length: number): number
  release(): void
}

/** What a records field may hold when encoded: bytes, or parts that are bytes or regions. */
export type RecordsParts = Buffer | ReadonlyArray<Buffer | Transferable>

/** A chunk of an encoded message: bytes, or a region to read when it is sent. */
export type Chunk = Buffer | Transferable

export function isTransferable(c: Chunk): c is Transferable {
  return !Buffer.isBuffer(c)
}
