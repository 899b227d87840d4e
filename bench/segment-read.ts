/**
 * Segment reads on the event loop or on the thread pool: `npm run bench:segment-read [-- --mb 256]`
 *
 * Fills a partition log with `--mb` MiB (1 KiB records in batches of 64), reads it once so it is
 * in the page cache, then reads it again as a fetch would, in chunks of 64 KiB, 1 MiB and 8 MiB:
 * - sync: PartitionLog.read on the event loop (what Fetch does), time per call;
 * - async: the same bytes with a positioned read on libuv's thread pool, time from the call to
 *   the callback (what a read moved off the loop would cost a fetch).
 * Prints p50 / p99 / max in microseconds for each. The figures decide whether reads stay on the
 * event loop (see the comment at the top of src/storage/segment.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'
import { nodeFs } from '../src/storage/file-system.js'
import { logConfig } from '../src/storage/log-config.js'
import { PartitionLog } from '../src/storage/partition-log.js'

const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '256' } } })
const totalBytes = Number(args.mb) * 1024 * 1024

const dir = mkdtempSync(join(tmpdir(), 'samsa-bench-read-'))
try {
  const log = await PartitionLog.open(dir, logConfig({ segmentBytes: 1 << 30 }))
  const value = Buffer.alloc(1024, 'v')
  let written = 0
  while (written < totalBytes) {
    const b = encodeRecordBatch({ records: Array.from({ length: 64 }, () => ({ key: null, value })) })
    log.append(b, { now: BigInt(Date.now()) })
    written += b.length
    if (written % (64 << 20) < b.length) await log.whenWritten()
  }
  await log.whenWritten()
  const end = log.logEndOffset

  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!
  const report = (name: string, us: number[]) => {
    us.sort((a, b) => a - b)
    console.log(
      `${name.padEnd(22)} n=${String(us.length).padStart(5)}  p50 ${pct(us, 50).toFixed(0).padStart(6)} us  p99 ${pct(us, 99).toFixed(0).padStart(6)} us  max ${us.at(-1)!.toFixed(0).padStart(6)} us`,
    )
  }

  // Warm the page cache and the read hints.
  for (let o = 0n; o < end; ) o = readAll(o, 8 << 20)
  function readAll(from: bigint, maxBytes: number): bigint {
    const r = log.read(from, maxBytes, { minOneBatch: true, maxOffset: end })
    const last = r.records.at(-1)
    if (last === undefined) return end
    let next = from
    for (let pos = 0; pos < last.length; pos += last.readInt32BE(pos + 8) + 12) next = last.readBigInt64BE(pos) + BigInt(last.readInt32BE(pos + 23)) + 1n
    return next
  }

  const segment = log.segments[0]!
  const fd = segment.file.pin()
  for (const size of [64 << 10, 1 << 20, 8 << 20]) {
    const sync: number[] = []
    for (let o = 0n; o < end; ) {
      const t = performance.now()
      o = readAll(o, size)
      sync.push((performance.now() - t) * 1000)
    }
    report(`sync  ${size >> 10} KiB`, sync)
    const async: number[] = []
    const buf = Buffer.allocUnsafe(size)
    for (let pos = 0; pos + size <= segment.size; pos += size) {
      const t = performance.now()
      await nodeFs.read(fd, buf, 0, size, pos)
      async.push((performance.now() - t) * 1000)
    }
    report(`async ${size >> 10} KiB`, async)
  }
  segment.file.unpin()
  await log.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
