/**
 * Per-partition checkpoint of logStartOffset and recoveryPoint. Kafka keeps these in
 * `log-start-offset-checkpoint` and `recovery-point-offset-checkpoint` per log dir; one small
 * file per partition keeps partitions independent and is written atomically (temp file, fsync,
 * rename), with a CRC so a damaged file is detected and treated as absent (= recover everything).
 */
import { join } from 'node:path'
import { readCheckedFile, writeCheckedFile } from './checked-file.js'
import type { StorageFs } from './file-system.js'

const CHECKPOINT_FILE = 'log.checkpoint'

export interface LogCheckpoint {
  logStartOffset: bigint
  recoveryPoint: bigint
}

export function readCheckpoint(fs: StorageFs, dir: string): LogCheckpoint | undefined {
  const m = readCheckedFile(fs, join(dir, CHECKPOINT_FILE))
  const a = m?.get('logStartOffset')
  const b = m?.get('recoveryPoint')
  if (a === undefined || b === undefined || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return undefined
  return { logStartOffset: BigInt(a), recoveryPoint: BigInt(b) }
}

export async function writeCheckpoint(fs: StorageFs, dir: string, c: LogCheckpoint): Promise<void> {
  await writeCheckedFile(fs, join(dir, CHECKPOINT_FILE), [
    ['logStartOffset', String(c.logStartOffset)],
    ['recoveryPoint', String(c.recoveryPoint)],
  ])
}
