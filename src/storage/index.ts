export { DEFAULT_LOG_CONFIG, logConfig, type CleanupPolicy, type LogConfig } from './log-config.js'
export { LogManager, CLEAN_SHUTDOWN_FILE, type LogManagerOptions, type TopicPartition } from './log-manager.js'
export {
  PartitionLog,
  type AppendOptions,
  type AppendResult,
  type OpenOptions,
  type ReadOptions,
  type ReadResult,
  type RegionsResult,
} from './partition-log.js'
export { FileRegion, SharedFile } from './file-region.js'
export { ProducerStateManager, type ProducerCheck, type ProducerStateEntry, type BatchMetadata } from './producer-state.js'
export { silentLogger, type StorageLogger } from './logger.js'
