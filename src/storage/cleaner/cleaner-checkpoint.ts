/**
 * Per-partition cleaner state, in `cleaner.checkpoint` beside the segments (Kafka keeps
 * `cleaner-offset-checkpoint` per log dir; one small file per partition keeps partitions
 * independent, like log.checkpoint):
 * - firstDirtyOffset: where the last cleaning stopped; records from here on are dirty;
 * - deleteHorizonMs: the earliest delete horizon among the tombstones the last cleaning kept
 *   (-1: none), so that a log with no new writes is still cleaned once its tombstones expire.
 * Written atomically (temp file, fsync, rename) with a CRC; a missing or damaged file means
 * "everything is dirty", which only costs a full cleaning.
 */
import { join } from 'node:path'
import { readCheckedFile, writeCheckedFile } from '../checked-file.js'
import type { StorageFs } from '../file-system.js'

const CLEANER_CHECKPOINT_FILE = 'cleaner.checkpoint'

export interface CleanerCheckpoint {
  firstDirtyOffset: bigint
  deleteHorizonMs: number
}

export function readCleanerCheckpoint(fs: StorageFs, dir: string): CleanerCheckpoint | undefined {
  const m = readCheckedFile(fs, join(dir, CLEANER_CHECKPOINT_FILE))
  const a = m?.get('firstDirtyOffset')
  const b = m?.get('deleteHorizonMs')
  if (a === undefined || b === undefined || !/^\d+$/.test(a) || !/^-?\d+$/.test(b)) return undefined
  return { firstDirtyOffset: BigInt(a), deleteHorizonMs: Number(b) }
}

export async function writeCleanerCheckpoint(fs: StorageFs, dir: string, c: CleanerCheckpoint): Promise<void> {
  await writeCheckedFile(fs, join(dir, CLEANER_CHECKPOINT_FILE), [
    ['firstDirtyOffset', String(c.firstDirtyOffset)],
    ['deleteHorizonMs', String(c.deleteHorizonMs)],
  ])
}
