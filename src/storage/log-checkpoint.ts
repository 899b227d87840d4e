/**
 * Per-partition checkpoint of logStartOffset and recoveryPoint. Kafka keeps these in
 * `log-start-offset-checkpoint` and `recovery-point-offset-checkpoint` per log dir; one small
 * file per partition keeps partitions independent and is written atomically (temp file, fsync,
 * rename), with a CRC so a damaged file is detected and treated as absent (= recover everything).
 */
import { join } from 'node:path'
import { readCheckedFile, writeCheckedFile } from './checked-file.js'

export const CHECKPOINT_FILE = 'log.checkpoint'

export interface LogCheckpoint {
  logStartOffset: bigint
  recoveryPoint: bigint
}

export function readCheckpoint(dir: string): LogCheckpoint | undefined {
  const m = readCheckedFile(join(dir, CHECKPOINT_FILE))
  const a = m?.get('logStartOffset')
  const b = m?.get('recoveryPoint')
  if (a === undefined || b === undefined || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return undefined
  return { logStartOffset: BigInt(a), recoveryPoint: BigInt(b) }
}

export async function writeCheckpoint(dir: string, c: LogCheckpoint): Promise<void> {
  await writeCheckedFile(join(dir, CHECKPOINT_FILE), [['logStartOffset', String(c.logStartOffset)], ['recoveryPoint', String(c.recoveryPoint)]])
}
