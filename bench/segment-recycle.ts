/**
 * Can reusing segment files pay? `npm run bench:segment-recycle [-- --mb 512 --rounds 3 --settle 5]`
 *
 * Writes `--mb` MiB as Samsa's log writer does (one positioned writev at a time on libuv's
 * thread pool, 64 KiB-1 MiB at increasing positions, not page-aligned, an fdatasync in the
 * background every 8 MiB) into:
 * - fresh: a new file;
 * - ftruncate: a new file first extended to its full size (sparse: Kafka's log.preallocate);
 * - fallocate: a new file with its blocks allocated (`fallocate -l`);
 * - recycled: an existing file of the same size whose pages are in the page cache (a deleted
 *   segment renamed and overwritten from position 0);
 * - recycled-cold: the same after its pages were dropped from the cache (posix_fadvise
 *   DONTNEED through `dd oflag=nocache count=0`; checked with `fincore`).
 * Cases alternate order from round to round; files of the previous case are unlinked and the
 * process waits `--settle` seconds before each timed write, so that memory freed by an unlink
 * can be handed back to the host (free page reporting: the MiB the guest reported meanwhile are
 * printed when the kernel exposes the count), as in a broker whose retention deletes segments.
 * Prints MB/s and CPU ms per MB: the whole process (getrusage), its threads other than the
 * event loop (/proc/self/task: libuv's pool, where the copy into the page cache runs, and V8's
 * helpers, idle here), and the whole machine's busy and steal time (/proc/stat: other
 * processes included, so only meaningful on a quiet machine).
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '512' },
    rounds: { type: 'string', default: '3' },
    settle: { type: 'string', default: '5' },
    dir: { type: 'string' },
    cases: { type: 'string', default: 'fresh,ftruncate,fallocate,recycled,recycled-cold' },
  },
})
const TOTAL = Number(args.mb) * 1024 * 1024
const ROUNDS = Number(args.rounds)
const SETTLE_MS = Number(args.settle) * 1000
const CASES = args.cases.split(',')
const WRITEBACK_BYTES = 8 * 1024 * 1024
const CLK_TCK = 100

const dir = fs.mkdtempSync(join(args.dir ?? tmpdir(), 'samsa-bench-recycle-'))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const writev = (fd: number, bufs: Buffer[], pos: number) => new Promise<number>((res, rej) => fs.writev(fd, bufs, pos, (e, n) => (e ? rej(e) : res(n))))
const fdatasync = (fd: number) => new Promise<void>((res, rej) => fs.fdatasync(fd, (e) => (e ? rej(e) : res())))

/** Deterministic chunk sizes: 64 KiB-1 MiB, made of 1-16 buffers of odd lengths (batches). */
function* chunks(): Generator<number[]> {
  let seed = 12345
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  for (;;) {
    const parts = 1 + Math.floor(rand() * 16)
    const total = (64 << 10) + Math.floor(rand() * (960 << 10))
    const sizes = Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i === 0 ? total % parts : 0) + 13)
    yield sizes
  }
}
// The bytes written: one buffer, reused as produce frames are (its pages stay warm).
const SOURCE = Buffer.alloc(3 << 20, 'r')

/** Writes TOTAL bytes into fd as the log writer does; returns when all is written (and synced). */
async function writeLikeSamsa(fd: number): Promise<void> {
  let pos = 0
  let unsynced = 0
  let sync: Promise<void> | undefined
  const gen = chunks()
  while (pos < TOTAL) {
    const sizes = gen.next().value as number[]
    const bufs: Buffer[] = []
    let off = 0
    for (const s of sizes) {
      const n = Math.min(s, TOTAL - pos - off)
      if (n <= 0) break
      bufs.push(SOURCE.subarray(off % (1 << 20), (off % (1 << 20)) + n))
      off += n
    }
    const n = await writev(fd, bufs, pos)
    if (n !== off) throw new Error(`short write ${n} of ${off}`)
    pos += off
    unsynced += off
    if (unsynced >= WRITEBACK_BYTES && sync === undefined) {
      unsynced = 0
      sync = fdatasync(fd).finally(() => {
        sync = undefined
      })
    }
  }
  await sync
}

function threadTicks(): { all: number; main: number } {
  let all = 0
  let main = 0
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const f = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    const v = f.slice(f.lastIndexOf(')') + 2).split(' ')
    const t = Number(v[11]) + Number(v[12])
    all += t
    if (tid === String(process.pid)) main = t
  }
  return { all, main }
}
function machineTicks(): { busy: number; steal: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const [user, nice, system, , , irq, softirq, steal] = f as number[]
  return { busy: user! + nice! + system! + irq! + softirq!, steal: steal! }
}
/** Guest memory handed back to the host so far (free page reporting), when the kernel tells. */
function reportedMiB(): number | undefined {
  try {
    return Number(fs.readFileSync('/sys/module/page_reporting/parameters/reported_kib', 'utf8')) / 1024
  } catch {
    return undefined
  }
}
function cachedPages(path: string): string {
  try {
    return execFileSync('fincore', ['-n', '-b', '-o', 'RES', path], { encoding: 'utf8' }).trim()
  } catch {
    return '?'
  }
}

const fill = async (path: string) => {
  const fd = fs.openSync(path, 'w')
  await writeLikeSamsa(fd)
  fs.fsyncSync(fd)
  fs.closeSync(fd)
}
let recyclable: string | undefined
let seq = 0

/** Prepares the file for a case (untimed); returns its descriptor. */
async function prepare(name: string): Promise<number> {
  const path = join(dir, `${String(++seq).padStart(20, '0')}.log`)
  switch (name) {
    case 'fresh':
      return fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL)
    case 'ftruncate': {
      const fd = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL)
      fs.ftruncateSync(fd, TOTAL)
      return fd
    }
    case 'fallocate':
      execFileSync('fallocate', ['-l', String(TOTAL), path])
      return fs.openSync(path, fs.constants.O_RDWR)
    case 'recycled':
    case 'recycled-cold': {
      // A segment written a while ago: the previous recycled file, or one written now.
      if (recyclable === undefined) {
        recyclable = join(dir, 'old.log')
        await fill(recyclable)
      }
      fs.renameSync(recyclable, path)
      recyclable = undefined
      if (name === 'recycled-cold') execFileSync('dd', [`of=${path}`, 'oflag=nocache', 'conv=notrunc', 'count=0', 'status=none'])
      return fs.openSync(path, fs.constants.O_RDWR)
    }
    default:
      throw new Error(`unknown case ${name}`)
  }
}

interface Result {
  mbs: number
  cpu: number
  pool: number
  machine: number
  steal: number
}
const results = new Map<string, Result[]>(CASES.map((c) => [c, []]))
const MB = TOTAL / 1e6

console.log(`segment-recycle: ${args.mb} MiB per write, ${ROUNDS} rounds, settle ${SETTLE_MS / 1000} s, dir ${dir}`)
console.log(`load average at start: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
try {
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? CASES : [...CASES].reverse()
    for (const name of order) {
      const fd = await prepare(name)
      const path = join(dir, `${String(seq).padStart(20, '0')}.log`)
      const before = name.startsWith('recycled') ? cachedPages(path) : '-'
      // Everything else this process wrote is on disk and out of the way.
      const rep0 = reportedMiB()
      for (const f of fs.readdirSync(dir)) if (f !== `${String(seq).padStart(20, '0')}.log` && f !== 'old.log') fs.unlinkSync(join(dir, f))
      await sleep(SETTLE_MS)
      const rep1 = reportedMiB()
      const t0 = process.hrtime.bigint()
      const c0 = process.cpuUsage()
      const th0 = threadTicks()
      const m0 = machineTicks()
      await writeLikeSamsa(fd)
      const c1 = process.cpuUsage(c0)
      const th1 = threadTicks()
      const m1 = machineTicks()
      const secs = Number(process.hrtime.bigint() - t0) / 1e9
      const rep2 = reportedMiB()
      const reported =
        rep0 === undefined ? '' : `  reported to host: ${(rep1! - rep0).toFixed(0)} MiB while settling, ${(rep2! - rep1!).toFixed(0)} while writing`
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      const cpuMs = (c1.user + c1.system) / 1000
      const poolMs = ((th1.all - th1.main - (th0.all - th0.main)) * 1000) / CLK_TCK
      const r: Result = {
        mbs: MB / secs,
        cpu: cpuMs / MB,
        pool: poolMs / MB,
        machine: ((m1.busy - m0.busy) * 1000) / CLK_TCK / MB,
        steal: ((m1.steal - m0.steal) * 1000) / CLK_TCK / MB,
      }
      results.get(name)!.push(r)
      console.log(
        `round ${round + 1} ${name.padEnd(13)} ${r.mbs.toFixed(0).padStart(6)} MB/s  process ${r.cpu.toFixed(2)} ms/MB (off the event loop ${r.pool.toFixed(2)})  machine ${r.machine.toFixed(2)} ms/MB  steal ${r.steal.toFixed(2)}  cached before ${before}  load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}${reported}`,
      )
      // This file is the next recycled segment (its pages stay cached).
      if (recyclable === undefined) {
        recyclable = join(dir, 'old.log')
        fs.renameSync(path, recyclable)
      }
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  console.log('\nmedians:')
  console.log('| case | MB/s | process CPU ms/MB | off the event loop ms/MB | machine CPU ms/MB |')
  console.log('|---|--:|--:|--:|--:|')
  for (const [name, rs] of results) {
    console.log(
      `| ${name} | ${med(rs.map((r) => r.mbs)).toFixed(0)} | ${med(rs.map((r) => r.cpu)).toFixed(2)} | ${med(rs.map((r) => r.pool)).toFixed(2)} | ${med(rs.map((r) => r.machine)).toFixed(2)} |`,
    )
  }
  console.log(`load average at end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
