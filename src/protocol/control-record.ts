/**
 * Control records (Kafka's ControlRecordType and EndTransactionMarker): the commit and abort
 * markers a transaction coordinator has written into every partition of a transaction. A marker
 * is a control batch (attributes: transactional and control) holding one record whose key is
 * `version int16 | type int16` (ABORT 0, COMMIT 1) and whose value is
 * `version int16 | coordinatorEpoch int32`.
 */
import { ProtocolError } from '../errors.js'
import { encodeRecordBatch } from './record-codec.js'
import { RECORD_BATCH_OVERHEAD, batchSize, isControl, readBatchHeader } from './record-batch.js'
import { cursor, readVarint, readVarlong } from './varint.js'

export const ControlRecordType = { ABORT: 0, COMMIT: 1 } as const
export type ControlRecordType = (typeof ControlRecordType)[keyof typeof ControlRecordType]

export interface EndTxnMarker {
  producerId: bigint
  producerEpoch: number
  coordinatorEpoch: number
  commit: boolean
  /** Wall clock in ms: the record's timestamp. */
  now: bigint
  partitionLeaderEpoch?: number
}

/** The control batch that ends a transaction in one partition (offsets assigned on append). */
export function encodeEndTxnMarker(m: EndTxnMarker): Buffer {
  const key = Buffer.alloc(4)
  key.writeInt16BE(0, 0)
  key.writeInt16BE(m.commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, 2)
  const value = Buffer.alloc(6)
  value.writeInt16BE(0, 0)
  value.writeInt32BE(m.coordinatorEpoch, 2)
  return encodeRecordBatch({
    records: [{ key, value, timestamp: m.now }],
    producerId: m.producerId,
    producerEpoch: m.producerEpoch,
    baseSequence: -1,
    isTransactional: true,
    isControl: true,
    now: m.now,
    partitionLeaderEpoch: m.partitionLeaderEpoch,
  })
}

export interface ControlRecord {
  type: number
  /** From the value of a transaction marker; -1 when there is none. */
  coordinatorEpoch: number
}

/**
 * The control record of the (uncompressed) control batch at `pos` in `buf`; undefined when the
 * batch holds no record (the cleaner may have emptied it). Throws ProtocolError on bytes that
 * do not parse.
 */
export function readControlRecord(buf: Buffer, pos = 0): ControlRecord | undefined {
  const h = readBatchHeader(buf, pos)
  if (!isControl(h.attributes)) throw new ProtocolError('not a control batch')
  if (h.recordCount === 0) return undefined
  const c = cursor(buf, pos + RECORD_BATCH_OVERHEAD, pos + Math.min(batchSize(buf, pos), buf.length - pos))
  readVarint(c) // length
  c.pos++ // attributes
  readVarlong(c) // timestamp delta
  readVarint(c) // offset delta
  const keyLength = readVarint(c)
  if (keyLength < 4 || c.pos + keyLength > c.end) throw new ProtocolError('control record key too short')
  const type = buf.readInt16BE(c.pos + 2)
  c.pos += keyLength
  let coordinatorEpoch = -1
  const valueLength = readVarint(c)
  if (valueLength >= 6 && c.pos + valueLength <= c.end) coordinatorEpoch = buf.readInt32BE(c.pos + 2)
  return { type, coordinatorEpoch }
}
