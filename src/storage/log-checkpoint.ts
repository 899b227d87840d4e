/**
 * Per-partition checkpoint of logStartOffset and recoveryPoint. Kafka keeps these in
 * `log-start-offset-checkpoint` and `recovery-point-offset-checkpoint` per log dir; one small
 * file per partition keeps partitions independent and is written atomically (temp file, fsync,
 * rename), with a CRC so a damaged file is detected and treated as absent (= recover everything).
 */
import { crc32c } from '@node-rs/crc32'
import { open, rename } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const CHECKPOINT_FILE = 'log.checkpoint'

export interface LogCheckpoint {
  logStartOffset: bigint
  recoveryPoint: bigint
}

function encode(c: LogCheckpoint): string {
  const body = `version 1\nlogStartOffset ${c.logStartOffset}\nrecoveryPoint ${c.recoveryPoint}\n`
  return `${body}crc ${(crc32c(body) >>> 0).toString(16)}\n`
}

export function readCheckpoint(dir: string): LogCheckpoint | undefined {
  let text: string
  try {
    text = readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')
  } catch {
    return undefined
  }
  const m = /^(version 1\nlogStartOffset (\d+)\nrecoveryPoint (\d+)\n)crc ([0-9a-f]+)\n$/.exec(text)
  if (m === null || (crc32c(m[1]!) >>> 0).toString(16) !== m[4]) return undefined
  return { logStartOffset: BigInt(m[2]!), recoveryPoint: BigInt(m[3]!) }
}

export async function writeCheckpoint(dir: string, c: LogCheckpoint): Promise<void> {
  const path = join(dir, CHECKPOINT_FILE)
  const fh = await open(path + '.tmp', 'w')
  try {
    await fh.writeFile(encode(c))
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(path + '.tmp', path)
}
