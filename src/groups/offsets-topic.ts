/**
 * The internal topic `__consumer_offsets` as the group coordinator sees it: its name, the group
 * records inside its record batches, and the coordinator's settings from the broker's group.*
 * and offsets.* configs. The broker implements the topic itself (GroupLog, in
 * src/broker/coordinator-log.ts) and hands it to the coordinator.
 */
import type { BrokerConfig } from '../config/broker-config.js'
import { decodeRecords } from '../protocol/record-codec.js'
import { isControl, isTransactional, lastOffsetOf, readBatchHeader, LOG_OVERHEAD } from '../protocol/record-batch.js'
import { ControlRecordType, readControlRecord } from '../protocol/control-record.js'
import type { GroupLogEntry } from './txn-offsets.js'
import type { GroupConfig } from './core.js'
import { decodeGroupRecord } from './records.js'

export const OFFSETS_TOPIC = '__consumer_offsets'

/**
 * The group records in `buf` (whole record batches read from the topic), in log order: records
 * of transactional batches (TxnOffsetCommit) tagged with their producer, and transaction markers;
 * an undecodable batch is reported and skipped. `next` receives the offset after each batch.
 */
export function* groupRecordsIn(
  buf: Buffer,
  onError: (err: unknown, baseOffset: bigint) => void,
  next: (offset: bigint) => void = () => {},
): Generator<GroupLogEntry> {
  for (let pos = 0; pos + LOG_OVERHEAD <= buf.length; ) {
    const h = readBatchHeader(buf, pos)
    next(lastOffsetOf(h) + 1n)
    try {
      if (isControl(h.attributes)) {
        const c = h.producerId >= 0n ? readControlRecord(buf, pos) : undefined
        if (c !== undefined && (c.type === ControlRecordType.COMMIT || c.type === ControlRecordType.ABORT)) {
          yield { type: 'txn-marker', producerId: h.producerId, commit: c.type === ControlRecordType.COMMIT }
        }
      } else {
        const transactional = isTransactional(h.attributes) && h.producerId >= 0n
        for (const r of decodeRecords(buf, pos)) {
          if (r.key === null) continue
          const rec = decodeGroupRecord(r.key, r.value)
          if (rec !== null) yield transactional ? { type: 'txn-record', producerId: h.producerId, record: rec } : rec
        }
      }
    } catch (err) {
      onError(err, h.baseOffset)
    }
    pos += LOG_OVERHEAD + h.batchLength
  }
}

/** Kafka reports a member's host as InetAddress.toString(): "/127.0.0.1". */
export function clientHost(remoteAddress: string): string {
  return `/${remoteAddress}`
}

/** The coordinator's settings from the broker's group.* and offsets.* configs. */
export function groupConfigFrom(config: BrokerConfig): GroupConfig {
  const v = config.values
  return {
    initialRebalanceDelayMs: v.groupInitialRebalanceDelayMs,
    minSessionTimeoutMs: v.groupMinSessionTimeoutMs,
    maxSessionTimeoutMs: v.groupMaxSessionTimeoutMs,
    maxSize: v.groupMaxSize,
    offsetMetadataMaxBytes: v.offsetMetadataMaxBytes,
    offsetsRetentionMs: v.offsetsRetentionMinutes * 60_000,
    offsetsRetentionCheckIntervalMs: v.offsetsRetentionCheckIntervalMs,
    offsetsTopicNumPartitions: v.offsetsTopicNumPartitions,
    consumerHeartbeatIntervalMs: v.groupConsumerHeartbeatIntervalMs,
    consumerSessionTimeoutMs: v.groupConsumerSessionTimeoutMs,
    consumerAssignors: [...v.groupConsumerAssignors],
    consumerMaxSize: v.groupConsumerMaxSize,
  }
}
