// What produce validation costs per MB of records, for batches like librdkafka's (128 records of
// 1 KB text; lz4 frames of independent 64 KiB blocks, zstd level 3): CPU ms per MB.
//   npm run bench:validate
import { createRequire } from 'node:module'
import { compress } from '../src/protocol/compression.js'
import { RECORDS_OFFSET } from '../src/protocol/record-batch.js'
import { validateBatches } from '../src/protocol/record-batch-validate.js'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'
import { lz4Frame, withSection } from '../test/support/compressed-batches.js'

const require = createRequire(import.meta.url)
const zstd = require('@toondepauw/node-zstd') as typeof import('@toondepauw/node-zstd')
const words = Array.from({ length: 1024 }, (_, i) => `w${(i * 7919) % 10007}`)
let seed = 1
const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const value = (): string => {
  let s = ''
  while (s.length < 1024) s += words[Math.floor(rnd() * 1024)] + ' '
  return s.slice(0, 1024)
}
const plain = encodeRecordBatch({ records: Array.from({ length: 128 }, () => ({ value: value() })) })
const section = plain.subarray(RECORDS_OFFSET)
const batches: Record<string, Buffer> = {
  none: plain,
  lz4: withSection(plain, 'lz4', lz4Frame(section)),
  zstd: withSection(plain, 'zstd', new zstd.Encoder(3).encodeSync(section)),
  snappy: withSection(plain, 'snappy', compress('snappy', section)),
  gzip: withSection(plain, 'gzip', compress('gzip', section)),
}
for (const [name, batch] of Object.entries(batches)) {
  const run = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const r = await validateBatches(batch, {})
      if (!r.ok) throw new Error(r.message)
    }
  }
  await run(300)
  const cpu0 = process.cpuUsage()
  const n = 3000
  await run(n)
  const cpu = process.cpuUsage(cpu0)
  const mb = (n * section.length) / 1e6
  console.log(`${name}: ${((cpu.user + cpu.system) / 1000 / mb).toFixed(2)} ms of CPU per MB of records (batch of ${batch.length} bytes)`)
}
