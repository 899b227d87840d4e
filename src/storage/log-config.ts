/**
 * A partition log's configuration: the topic's configs as the one definition in
 * src/config/topic-config.ts types them (Kafka's LogConfig: `segmentBytes`, `retentionMs`, ...),
 * plus the broker-wide producer.id.expiration.ms. Durations are ms; Kafka's Long.MAX_VALUE
 * ("never") is Infinity.
 */
import { resolveTopicConfig, type TopicConfigValues } from '../config/topic-config.js'

export type CleanupPolicy = TopicConfigValues['cleanupPolicy']

export interface LogConfig extends TopicConfigValues {
  /** producer.id.expiration.ms (broker config): forget idle idempotent producers after this. */
  producerIdExpirationMs: number
}

/** Kafka's defaults: a topic that sets nothing on a broker that sets nothing. */
export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  ...resolveTopicConfig({}).values,
  producerIdExpirationMs: resolveTopicConfig({}).broker.get('producer.id.expiration.ms'),
})

export const isCompacted = (c: Pick<LogConfig, 'cleanupPolicy'>): boolean => c.cleanupPolicy.includes('compact')
export const hasDeletePolicy = (c: Pick<LogConfig, 'cleanupPolicy'>): boolean => c.cleanupPolicy.includes('delete')

export function logConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides }
}
