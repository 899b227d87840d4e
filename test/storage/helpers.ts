import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { decodeRecords, encodeRecordBatch, type RecordInput } from '../../src/protocol/record-codec.js'
import { logConfig, type LogConfig } from '../../src/storage/log-config.js'
import type { PartitionLog } from '../../src/storage/partition-log.js'

/** A fresh temp dir removed when the test file finishes. */
export function tempDir(prefix = 'samsa-storage-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function batch(values: string[], opts: { timestamp?: bigint; producerId?: bigint; producerEpoch?: number; baseSequence?: number } = {}): Buffer {
  const records: RecordInput[] = values.map((v, i) => ({ key: `k${i}`, value: v, timestamp: (opts.timestamp ?? 1_000n) + BigInt(i) }))
  return encodeRecordBatch({ records, producerId: opts.producerId, producerEpoch: opts.producerEpoch, baseSequence: opts.baseSequence })
}

export const smallConfig = (over: Partial<LogConfig> = {}): LogConfig =>
  logConfig({ segmentBytes: 4096, indexIntervalBytes: 256, fileDeleteDelayMs: 0, ...over })

/** Every record readable from `from`, decoded, with the batch framing checked. */
export function readAll(log: PartitionLog, from = log.logStartOffset): { offset: bigint; value: string; timestamp: bigint }[] {
  const out: { offset: bigint; value: string; timestamp: bigint }[] = []
  let offset = from
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, 64 * 1024, { minOneBatch: true })
    if (records.length === 0) break
    for (const buf of records) {
      for (let pos = 0; pos < buf.length; pos += buf.readInt32BE(pos + 8) + 12) {
        for (const r of decodeRecords(buf, pos)) {
          // A fetch returns whole batches; like a consumer, skip records below the fetch offset.
          if (r.offset < from) continue
          out.push({ offset: r.offset, value: r.value!.toString(), timestamp: r.timestamp })
          offset = r.offset + 1n
        }
      }
    }
  }
  return out
}

/** Waits until `check` passes (it throws until then), for effects that land asynchronously by design. */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      check()
      return
    } catch (err) {
      if (Date.now() > deadline) throw err
      await new Promise((r) => setTimeout(r, 10))
    }
  }
}
