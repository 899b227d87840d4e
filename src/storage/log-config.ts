/**
 * Per-topic log configuration: Kafka's topic config names mapped to camelCase, with Kafka's
 * defaults. Durations are ms; Kafka's Long.MAX_VALUE ("never") is Infinity here.
 */
import type { TimestampType } from '../protocol/record-batch.js'

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete'

export interface LogConfig {
  /** segment.bytes: roll the active segment before it grows past this. */
  segmentBytes: number
  /** segment.ms: roll when the active segment's first batch is older than this. */
  segmentMs: number
  /** segment.index.bytes: max size of each index file; a full index rolls the segment. */
  segmentIndexBytes: number
  /** index.interval.bytes: bytes appended between two index entries. */
  indexIntervalBytes: number
  /** flush.messages: fsync after this many messages (Infinity = leave it to the OS). */
  flushMessages: number
  /** flush.ms: fsync when the last flush is older than this (Infinity = never forced). */
  flushMs: number
  /** message.timestamp.type */
  messageTimestampType: TimestampType
  /** message.timestamp.before.max.ms / after.max.ms (CreateTime only). */
  messageTimestampBeforeMaxMs: number
  messageTimestampAfterMaxMs: number
  /** max.message.bytes: largest record batch accepted. */
  maxMessageBytes: number
  /** retention.ms (-1 = unlimited) and retention.bytes (-1 = unlimited), for cleanup.policy delete. */
  retentionMs: number
  retentionBytes: number
  /** cleanup.policy */
  cleanupPolicy: CleanupPolicy
  /** file.delete.delay.ms: how long a deleted segment's renamed `.deleted` files stay on disk. */
  fileDeleteDelayMs: number
  /** delete.retention.ms: how long the cleaner keeps tombstones after it first sees them. */
  deleteRetentionMs: number
  /** min.cleanable.dirty.ratio: dirty bytes / cleanable bytes above which the cleaner runs. */
  minCleanableDirtyRatio: number
  /** min.compaction.lag.ms: records younger than this stay uncompacted. */
  minCompactionLagMs: number
  /** max.compaction.lag.ms (Infinity = never forced): dirty records older than this force a cleaning. */
  maxCompactionLagMs: number
  /** producer.id.expiration.ms (broker config): forget idle idempotent producers after this. */
  producerIdExpirationMs: number
}

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  segmentIndexBytes: 10 * 1024 * 1024,
  indexIntervalBytes: 4096,
  flushMessages: Infinity,
  flushMs: Infinity,
  messageTimestampType: 'CreateTime',
  messageTimestampBeforeMaxMs: Infinity,
  messageTimestampAfterMaxMs: 60 * 60 * 1000,
  maxMessageBytes: 1024 * 1024 + 12,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  cleanupPolicy: 'delete',
  fileDeleteDelayMs: 60_000,
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: Infinity,
  producerIdExpirationMs: 24 * 60 * 60 * 1000,
})

/** Kafka config name -> LogConfig field, for parsing topic configs and DescribeConfigs. */
export const LOG_CONFIG_NAMES: Readonly<Record<string, keyof LogConfig>> = Object.freeze({
  'segment.bytes': 'segmentBytes',
  'segment.ms': 'segmentMs',
  'segment.index.bytes': 'segmentIndexBytes',
  'index.interval.bytes': 'indexIntervalBytes',
  'flush.messages': 'flushMessages',
  'flush.ms': 'flushMs',
  'message.timestamp.type': 'messageTimestampType',
  'message.timestamp.before.max.ms': 'messageTimestampBeforeMaxMs',
  'message.timestamp.after.max.ms': 'messageTimestampAfterMaxMs',
  'max.message.bytes': 'maxMessageBytes',
  'retention.ms': 'retentionMs',
  'retention.bytes': 'retentionBytes',
  'cleanup.policy': 'cleanupPolicy',
  'file.delete.delay.ms': 'fileDeleteDelayMs',
  'delete.retention.ms': 'deleteRetentionMs',
  'min.cleanable.dirty.ratio': 'minCleanableDirtyRatio',
  'min.compaction.lag.ms': 'minCompactionLagMs',
  'max.compaction.lag.ms': 'maxCompactionLagMs',
})

export const isCompacted = (c: Pick<LogConfig, 'cleanupPolicy'>): boolean => c.cleanupPolicy.includes('compact')
export const hasDeletePolicy = (c: Pick<LogConfig, 'cleanupPolicy'>): boolean => c.cleanupPolicy.includes('delete')

export function logConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides }
}
