/** End-to-end helpers: raw Kafka requests through our test client, and kcat as a real client. */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { LOG_OVERHEAD, readBatchHeader } from '../../src/protocol/record-batch.js'
import { decodeRecords } from '../../src/protocol/record-codec.js'
import { RawConnection } from '../support/raw-client.js'

const tempDirs: string[] = []
process.on('exit', () => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
})

/** A temp dir removed when the process exits (safe to call inside hooks). */
export function tempDir(prefix = 'samsa-lifecycle-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

export async function produce(c: RawConnection, topic: string, records: Buffer, partition = 0): Promise<{ errorCode: number; baseOffset: bigint }> {
  const r = await c.request(ApiKey.Produce, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 5000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  })
  const p = r.responses[0].partitionResponses[0]
  return { errorCode: p.errorCode, baseOffset: p.baseOffset }
}

export interface FetchResult {
  errorCode: number
  logStartOffset: bigint
  highWatermark: bigint
  records: Buffer
}

export async function fetchAt(c: RawConnection, topic: string, offset: bigint, maxBytes = 1 << 20, partition = 0): Promise<FetchResult> {
  const r = await c.request(ApiKey.Fetch, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1n, partitionMaxBytes: maxBytes }] }],
    forgottenTopicsData: [],
    rackId: '',
  })
  const p = r.responses[0].partitions[0]
  return { errorCode: p.errorCode, logStartOffset: p.logStartOffset, highWatermark: p.highWatermark, records: p.records ?? Buffer.alloc(0) }
}

/** ListOffsets: -2 earliest, -1 latest, or a timestamp. */
export async function listOffset(c: RawConnection, topic: string, timestamp: bigint, partition = 0): Promise<{ errorCode: number; offset: bigint }> {
  const r = await c.request(ApiKey.ListOffsets, 7, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp }] }],
  })
  const p = r.topics[0].partitions[0]
  return { errorCode: p.errorCode, offset: p.offset }
}

export async function deleteRecords(c: RawConnection, topic: string, offset: bigint, partition = 0): Promise<{ errorCode: number; lowWatermark: bigint }> {
  const r = await c.request(ApiKey.DeleteRecords, 2, {
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, offset }] }],
    timeoutMs: 5000,
  })
  const p = r.topics[0].partitions[0]
  return { errorCode: p.errorCode, lowWatermark: p.lowWatermark }
}

/** IncrementalAlterConfigs SET of topic configs; returns the resource's error code. */
export async function alterTopicConfigs(c: RawConnection, topic: string, configs: Record<string, string>): Promise<number> {
  const r = await c.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: 2, resourceName: topic, configs: Object.entries(configs).map(([name, value]) => ({ name, configOperation: 0, value })) }],
    validateOnly: false,
  })
  return r.responses[0].errorCode
}

export interface ReadRecord {
  offset: bigint
  key: string | null
  value: string | null
}

/** Reads the whole partition with Fetch, from the log start offset, like a consumer. */
export async function readAll(c: RawConnection, topic: string, partition = 0): Promise<ReadRecord[]> {
  const out: ReadRecord[] = []
  let offset = (await listOffset(c, topic, -2n, partition)).offset
  for (;;) {
    const f = await fetchAt(c, topic, offset, 1 << 20, partition)
    if (f.errorCode !== 0) throw new Error(`fetch at ${offset}: error ${f.errorCode}`)
    if (f.records.length === 0) {
      if (offset >= f.highWatermark) return out
      throw new Error(`empty fetch at ${offset} below the high watermark ${f.highWatermark}`)
    }
    for (let pos = 0; pos + 61 <= f.records.length; ) {
      const h = readBatchHeader(f.records, pos)
      const size = h.batchLength + LOG_OVERHEAD
      if (pos + size > f.records.length) break
      for (const r of decodeRecords(f.records, pos)) {
        if (r.offset >= offset) out.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null })
      }
      offset = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n
      pos += size
    }
  }
}

export function run(cmd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

/**
 * Produces `key:value` lines with kcat (librdkafka); an empty value is sent as a tombstone.
 * Keys and values must not contain ':' or newlines.
 */
export async function kcatProduce(bootstrap: string, topic: string, records: { key: string; value: string | null }[], compression = 'none'): Promise<void> {
  const input = records.map((r) => `${r.key}:${r.value ?? ''}`).join('\n') + '\n'
  const res = await run(
    'kcat',
    ['-b', bootstrap, '-P', '-t', topic, '-p', '0', '-K:', '-Z', '-z', compression, '-X', 'linger.ms=5', '-X', 'batch.num.messages=200'],
    input,
  )
  if (res.code !== 0) throw new Error(`kcat produce failed (${res.code}): ${res.stderr}`)
}

/** Consumes the whole partition with kcat; a null value comes back as null. */
export async function kcatConsume(bootstrap: string, topic: string): Promise<ReadRecord[]> {
  const res = await run('kcat', ['-b', bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-Z', '-f', '%o\t%K\t%k\t%S\t%s\n'])
  if (res.code !== 0) throw new Error(`kcat consume failed (${res.code}): ${res.stderr}`)
  const out: ReadRecord[] = []
  for (const line of res.stdout.split('\n')) {
    if (line === '') continue
    const [offset, keyLen, key, valueLen, value] = line.split('\t')
    out.push({ offset: BigInt(offset!), key: Number(keyLen) < 0 ? null : key!, value: Number(valueLen) < 0 ? null : value! })
  }
  return out
}

/** Polls `check` until it returns true or `ms` pass; returns its last result. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, every = 100): Promise<boolean> {
  const end = Date.now() + ms
  for (;;) {
    if (await check()) return true
    if (Date.now() > end) return false
    await sleep(every)
  }
}

export { RawConnection }
