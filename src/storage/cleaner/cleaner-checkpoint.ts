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
import { crc32c } from '@node-rs/crc32'
import { readFileSync } from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { join } from 'node:path'

export const CLEANER_CHECKPOINT_FILE = 'cleaner.checkpoint'

export interface CleanerCheckpoint {
  firstDirtyOffset: bigint
  deleteHorizonMs: number
}

function encode(c: CleanerCheckpoint): string {
  const body = `version 1\nfirstDirtyOffset ${c.firstDirtyOffset}\ndeleteHorizonMs ${c.deleteHorizonMs}\n`
  return `${body}crc ${(crc32c(body) >>> 0).toString(16)}\n`
}

export function readCleanerCheckpoint(dir: string): CleanerCheckpoint | undefined {
  let text: string
  try {
    text = readFileSync(join(dir, CLEANER_CHECKPOINT_FILE), 'utf8')
  } catch {
    return undefined
  }
  const m = /^(version 1\nfirstDirtyOffset (\d+)\ndeleteHorizonMs (-?\d+)\n)crc ([0-9a-f]+)\n$/.exec(text)
  if (m === null || (crc32c(m[1]!) >>> 0).toString(16) !== m[4]) return undefined
  return { firstDirtyOffset: BigInt(m[2]!), deleteHorizonMs: Number(m[3]!) }
}

export async function writeCleanerCheckpoint(dir: string, c: CleanerCheckpoint): Promise<void> {
  const path = join(dir, CLEANER_CHECKPOINT_FILE)
  const fh = await open(path + '.tmp', 'w')
  try {
    await fh.writeFile(encode(c))
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(path + '.tmp', path)
}
