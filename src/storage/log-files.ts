/** File naming after Kafka: `<20-digit base offset>.<suffix>` inside `<topic>-<partition>`. */
import { join } from 'node:path'

export const LOG_SUFFIX = '.log'
export const INDEX_SUFFIX = '.index'
export const TIME_INDEX_SUFFIX = '.timeindex'
export const SNAPSHOT_SUFFIX = '.snapshot'
/** The aborted-transaction index (Kafka's TransactionIndex). */
export const TXN_INDEX_SUFFIX = '.txnindex'
const DELETED_FILE_SUFFIX = '.deleted'
/** The cleaner writes `<base>.log.cleaned` (and indexes), renamed to `.swap` at its commit point. */
export const CLEANED_FILE_SUFFIX = '.cleaned'
export const SWAP_FILE_SUFFIX = '.swap'
/** Left over by an interrupted delete, cleaner or swap: removed on open (after completing swaps). */
export const STRAY_SUFFIXES = [DELETED_FILE_SUFFIX, CLEANED_FILE_SUFFIX, SWAP_FILE_SUFFIX, '.tmp'] as const

export function offsetFileName(offset: bigint, suffix: string): string {
  return offset.toString().padStart(20, '0') + suffix
}

export function offsetFilePath(dir: string, offset: bigint, suffix: string): string {
  return join(dir, offsetFileName(offset, suffix))
}

/** The base offset of `name` if it is `<20 digits><suffix>`, else undefined. */
export function parseOffsetFileName(name: string, suffix: string): bigint | undefined {
  if (!name.endsWith(suffix)) return undefined
  const digits = name.slice(0, -suffix.length)
  return /^\d{20}$/.test(digits) ? BigInt(digits) : undefined
}

/** Splits `<topic>-<partition>` at the last dash, since topic names may contain dashes. */
export function parseTopicPartitionDir(name: string): { topic: string; partition: number } | undefined {
  const dash = name.lastIndexOf('-')
  if (dash <= 0) return undefined
  const partition = name.slice(dash + 1)
  if (!/^\d+$/.test(partition)) return undefined
  const n = Number(partition)
  return n <= 0x7fffffff ? { topic: name.slice(0, dash), partition: n } : undefined
}

export function topicPartitionDir(topic: string, partition: number): string {
  return `${topic}-${partition}`
}
