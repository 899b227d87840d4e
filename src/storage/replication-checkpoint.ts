/**
 * Kafka's `replication-offset-checkpoint`: the high watermark of every partition in a log dir,
 * one file per dir, written every replica.high.watermark.checkpoint.interval.ms and at shutdown
 * (a restarted broker starts each partition's high watermark there, as Kafka does). Kafka's
 * format: a version line `0`, a count, then `topic partition offset` lines; replaced atomically.
 * A damaged file reads as empty (high watermarks then start at the log start and catch up).
 */
import { join } from 'node:path'
import { replaceFile, type StorageFs } from './file-system.js'

export const REPLICATION_CHECKPOINT_FILE = 'replication-offset-checkpoint'

export type HighWatermarks = Map<string, bigint>

/** Topic names have no spaces, so `topic partition` keys are unambiguous. */
export const hwKey = (topic: string, partition: number): string => `${topic} ${partition}`

function encodeReplicationCheckpoint(hws: HighWatermarks): string {
  return `0\n${hws.size}\n${[...hws].map(([k, v]) => `${k} ${v}\n`).join('')}`
}

function decodeReplicationCheckpoint(text: string): HighWatermarks {
  const out: HighWatermarks = new Map()
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines[0] !== '0' || Number(lines[1]) !== lines.length - 2) return out
  for (const line of lines.slice(2)) {
    const m = /^(\S+) (\d+) (\d+)$/.exec(line)
    if (m === null) return new Map()
    out.set(hwKey(m[1]!, Number(m[2])), BigInt(m[3]!))
  }
  return out
}

export function readReplicationCheckpoint(fs: StorageFs, dir: string): HighWatermarks {
  try {
    return decodeReplicationCheckpoint(fs.readFileSync(join(dir, REPLICATION_CHECKPOINT_FILE)).toString('utf8'))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw err
  }
}

export function writeReplicationCheckpoint(fs: StorageFs, dir: string, hws: HighWatermarks): Promise<void> {
  return replaceFile(fs, join(dir, REPLICATION_CHECKPOINT_FILE), Buffer.from(encodeReplicationCheckpoint(hws)))
}
