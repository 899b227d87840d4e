// A real full disk: a broker in its own mount namespace on a 24 MiB tmpfs (unprivileged user
// namespaces; skipped where the kernel or a sandbox does not allow them, the injection tests in
// storage-faults and storage/faults cover the same paths). Produce on the full disk answers
// KAFKA_STORAGE_ERROR, the broker restarts on it, retention deletes old segments on it, and
// once that freed space the partition serves again by itself; every acknowledged record is
// there, in order, and nothing else.
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { after, test } from 'node:test'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'

const CHILD = fileURLToPath(new URL('./full-disk-child.js', import.meta.url))
const mount = mkdtempSync(join(tmpdir(), 'samsa-tmpfs-'))
let child: ChildProcess | undefined
after(() => {
  child?.kill('SIGKILL')
  rmSync(mount, { recursive: true, force: true })
})

/** Whether this machine lets an unprivileged process mount a tmpfs in a namespace of its own. */
function canMountTmpfs(): boolean {
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m samsa "$0"', mount], { stdio: 'ignore', timeout: 10_000 })
  return r.status === 0
}

const skip = canMountTmpfs() ? false : 'needs unprivileged user and mount namespaces (unshare -rm) to mount a tmpfs'

test('a real full disk: refused writes, a restart on it, retention freeing space, and the partition back by itself', { skip, timeout: 120_000 }, async () => {
  const config = { 'log.retention.check.interval.ms': 3_600_000, 'auto.create.topics.enable': false }
  const proc = spawn(
    'unshare',
    ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=24m samsa "$0" && exec "$1" "$2" "$0/data" "$3"', mount, process.execPath, CHILD, JSON.stringify(config)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  child = proc
  let stderr = ''
  proc.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]()
  const next = async (): Promise<any> => {
    const r = await lines.next()
    if (r.done === true) throw new Error(`child ended: ${stderr.slice(-2000)}`)
    return JSON.parse(r.value as string)
  }
  const command = async (line: string): Promise<any> => {
    proc.stdin!.write(line + '\n')
    const answer = await next()
    assert.equal(answer.error, undefined, `${line}: ${answer.error}`)
    return answer
  }
  const { port } = await next()
  let client = await TestClient.connect(`127.0.0.1:${port}`)
  const value = (s: string, size = 0) => Buffer.concat([Buffer.from(s), Buffer.alloc(size, 0x2e)])

  // 8 MiB of records that retention may delete (retention.ms one day, 256 KiB segments), and a live topic.
  await client.createTopic('old', 1, { 'segment.bytes': '262144', 'retention.ms': '86400000' })
  for (let i = 0; i < 32; i++) {
    const r = await client.produce('old', 0, encodeBatch(Array.from({ length: 4 }, (_, k) => ({ key: null, value: value(`old${i}.${k}`, 64 << 10) }))))
    assert.equal(r.errorCode, 0)
  }
  await client.createTopic('live', 1)
  const acked: string[] = []
  const produceLive = async (v: string): Promise<number> => {
    const r = await client.produce('live', 0, encodeBatch([{ key: null, value: value(v, 32 << 10) }]))
    if (r.errorCode === 0) acked.push(v)
    return r.errorCode
  }
  for (let i = 0; i < 5; i++) assert.equal(await produceLive(`before${i}`), 0)

  // Fill the disk: the next produce cannot be stored.
  assert.ok((await command(`fill ${mount}/filler`)).filled > 0)
  assert.equal(await produceLive('full'), ErrorCode.KAFKA_STORAGE_ERROR)

  // The broker restarts on the full disk.
  client.close()
  await command('restart')
  client = await TestClient.connect(`127.0.0.1:${port}`)
  assert.deepEqual(
    (await client.fetchAll('live', 0)).records.map((r) => r.value?.toString().replace(/\.+$/, '')),
    acked,
  )
  assert.equal(await produceLive('still-full'), ErrorCode.KAFKA_STORAGE_ERROR)

  // Retention deletes the old topic's segments on the full disk; the live partition comes back by itself.
  assert.ok((await command(`retention ${2 * 86_400_000}`)).deleted > 0)
  let code = -1
  for (let i = 0; i < 100 && code !== 0; i++) {
    await new Promise((r) => setTimeout(r, 200))
    code = await produceLive(`after${i}`)
    assert.ok(code === 0 || code === ErrorCode.KAFKA_STORAGE_ERROR, `error ${code}`)
  }
  assert.equal(code, 0, 'the partition serves again')
  const values = (await client.fetchAll('live', 0)).records.map((r) => r.value?.toString().replace(/\.+$/, ''))
  assert.deepEqual(values, acked, 'every acknowledged record, nothing else')
  const md = await client.conn.request(ApiKey.ListOffsets, 7, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: 'old', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2n, maxNumOffsets: 1 }] }],
  })
  assert.ok(md.topics[0].partitions[0].offset > 0n, 'old records were deleted')
  client.close()
  proc.kill('SIGKILL')
})
