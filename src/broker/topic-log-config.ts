/** Maps a topic's resolved config (Kafka names, broker fallbacks applied) to storage's LogConfig. */
import type { TopicConfig } from '../config/topic-config.js'
import type { BrokerConfigValues } from '../config/broker-config.js'
import { LONG_MAX } from '../config/config-def.js'
import type { CleanupPolicy, LogConfig } from '../storage/log-config.js'

/** Kafka's Long.MAX_VALUE ("never") is carried as LONG_MAX by config and as Infinity by storage. */
const never = (n: number): number => (n >= LONG_MAX ? Infinity : n)

export function toLogConfig(t: TopicConfig, broker: BrokerConfigValues): LogConfig {
  const policy = [...t.cleanupPolicy].sort().join(',')
  return {
    segmentBytes: t.segmentBytes,
    segmentMs: never(t.segmentMs),
    segmentIndexBytes: t.segmentIndexBytes,
    indexIntervalBytes: t.indexIntervalBytes,
    flushMessages: never(t.flushMessages),
    flushMs: never(t.flushMs),
    messageTimestampType: t.messageTimestampType,
    messageTimestampBeforeMaxMs: never(t.messageTimestampBeforeMaxMs),
    messageTimestampAfterMaxMs: never(t.messageTimestampAfterMaxMs),
    maxMessageBytes: t.maxMessageBytes,
    retentionMs: t.retentionMs,
    retentionBytes: t.retentionBytes,
    cleanupPolicy: (policy === '' ? 'delete' : policy) as CleanupPolicy,
    fileDeleteDelayMs: t.fileDeleteDelayMs,
    deleteRetentionMs: t.deleteRetentionMs,
    minCleanableDirtyRatio: t.minCleanableDirtyRatio,
    minCompactionLagMs: t.minCompactionLagMs,
    maxCompactionLagMs: never(t.maxCompactionLagMs),
    producerIdExpirationMs: broker.producerIdExpirationMs,
  }
}
