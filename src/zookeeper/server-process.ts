/**
 * Runs real ZooKeeper servers (Debian's `zookeeper` package, or any ZooKeeper jar) as child
 * processes: one standalone server or an ensemble on loopback, for tests and for local
 * development clusters. Each server gets its own directory (zoo.cfg, myid, data, zookeeper.log).
 *
 * Every server is started through a small shell "lifeline": the shell starts java, prints its
 * pid, and holds a pipe from this process; when that pipe closes (this process exited, even by
 * SIGKILL) it kills the server. So no ZooKeeper outlives the process that started it, whatever
 * way that process ends; an 'exit' hook kills them sooner when it ends normally. Signals for
 * stop/kill/pause/resume go to the java process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { SamsaError } from '../errors.js'
import { serverMode } from './four-letter.js'

/** Where Debian's `zookeeper` package puts the server and a logging backend for it. */
const DEBIAN_ZOOKEEPER_CLASSPATH = ['/usr/share/java/zookeeper.jar', '/usr/share/java/slf4j-simple.jar']
const MAIN_CLASS = 'org.apache.zookeeper.server.quorum.QuorumPeerMain'

class ZooKeeperServerError extends SamsaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SAMSA_ZOOKEEPER_SERVER', message, options)
  }
}

export interface ZooKeeperInstall {
  java: string
  classpath: string
}

/**
 * The java binary and ZooKeeper classpath to use: `classpath` if given, else
 * SAMSA_ZOOKEEPER_CLASSPATH, else Debian's; java from JAVA_HOME or PATH. Returns a reason string
 * when ZooKeeper is not installed.
 */
export function findZooKeeper(classpath?: string, env: NodeJS.ProcessEnv = process.env): ZooKeeperInstall | string {
  const cp = classpath ?? env['SAMSA_ZOOKEEPER_CLASSPATH'] ?? DEBIAN_ZOOKEEPER_CLASSPATH.join(delimiter)
  const jar = cp.split(delimiter)[0]!
  if (!existsSync(jar)) return `ZooKeeper not found at ${jar} (install Debian's zookeeper package, or set SAMSA_ZOOKEEPER_CLASSPATH)`
  const home = env['JAVA_HOME']
  const candidates = [home === undefined ? undefined : join(home, 'bin', 'java'), ...(env['PATH'] ?? '').split(delimiter).map((d) => join(d, 'java'))]
  const java = candidates.find((c) => c !== undefined && existsSync(c))
  if (java === undefined) return "java not found (JAVA_HOME, PATH); Debian's zookeeper package installs default-jre"
  return { java, classpath: cp }
}

export interface QuorumPeer {
  id: number
  host: string
  quorumPort: number
  electionPort: number
}

export interface ZooKeeperServerOptions {
  /** this server's directory; created if missing */
  dir: string
  clientPort: number
  /** the address it listens on; default 127.0.0.1 */
  host?: string
  /** for an ensemble: this server's id and every member (itself included) */
  quorum?: { myId: number; peers: readonly QuorumPeer[] }
  /** default 500: quick elections (ZooKeeper's default is 2000) */
  tickTimeMs?: number
  /** default 2 x tickTime, as ZooKeeper */
  minSessionTimeoutMs?: number
  /** default 60000, so Kafka's 18 s default session timeout is granted as asked */
  maxSessionTimeoutMs?: number
  /** fsync the transaction log (forceSync); default true. Tests turn it off for speed. */
  fsync?: boolean
  /** JVM heap limit in MB; default 256 (the JVM's default is a quarter of RAM) */
  heapMb?: number
  /** slf4j-simple level for zookeeper.log; default 'info' */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
  install?: ZooKeeperInstall
  /** a (temporary) directory to delete should this process die without stopping the server */
  orphanDir?: string
  /**
   * Run the server in a process group of its own, so a Ctrl-C at the terminal reaches only the
   * process that started it, which stops the server when it is done with it (dev-cluster stops
   * its brokers first). Default false.
   */
  ownProcessGroup?: boolean
}

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null }

const live = new Set<ZooKeeperServerProcess>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const s of live) s.killNow()
  })
}

/** One ZooKeeper server process. */
export class ZooKeeperServerProcess {
  readonly dir: string
  readonly host: string
  readonly clientPort: number
  readonly myId: number
  readonly logFile: string
  readonly #opts: ZooKeeperServerOptions
  #shell: ChildProcess | null = null
  #pid: number | null = null
  #exited: Promise<ExitStatus> = Promise.resolve({ code: null, signal: null })

  constructor(opts: ZooKeeperServerOptions) {
    this.#opts = opts
    this.dir = opts.dir
    this.host = opts.host ?? '127.0.0.1'
    this.clientPort = opts.clientPort
    this.myId = opts.quorum?.myId ?? 0
    this.logFile = join(opts.dir, 'zookeeper.log')
  }

  /** host:port of the client port */
  get address(): string {
    return `${this.host}:${this.clientPort}`
  }

  /** The java process's pid while it runs. */
  get pid(): number | null {
    return this.#pid
  }

  get running(): boolean {
    return this.#pid !== null
  }

  /** Settles when the server process has ended. */
  get exited(): Promise<ExitStatus> {
    return this.#exited
  }

  /** Writes zoo.cfg (and myid) and starts the server; does not wait until it serves (see waitReady). */
  async start(): Promise<void> {
    if (this.#shell !== null) throw new ZooKeeperServerError(`ZooKeeper ${this.address} is already running`)
    const install = this.#opts.install ?? findZooKeeper()
    if (typeof install === 'string') throw new ZooKeeperServerError(install)
    const dataDir = join(this.dir, 'data')
    mkdirSync(dataDir, { recursive: true })
    if (this.#opts.quorum !== undefined) writeFileSync(join(dataDir, 'myid'), `${this.#opts.quorum.myId}\n`)
    const cfg = join(this.dir, 'zoo.cfg')
    writeFileSync(cfg, this.#config(dataDir))
    const args = [
      `-Xmx${this.#opts.heapMb ?? 256}m`,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1', // C1 only: a much cheaper start, ZooKeeper needs no peak speed here
      '-XX:-UsePerfData',
      '-Djava.awt.headless=true',
      '-Dzookeeper.cnxTimeout=1000', // election connects to a dead peer give up after 1 s, not 5
      `-Dorg.slf4j.simpleLogger.defaultLogLevel=${this.#opts.logLevel ?? 'info'}`,
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      '-cp',
      install.classpath,
      MAIN_CLASS,
      cfg,
    ]
    const shell = spawn('/bin/sh', ['-c', LIFELINE, 'zookeeper-lifeline', this.logFile, this.#opts.orphanDir ?? '', install.java, ...args], {
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: this.#opts.ownProcessGroup === true,
    })
    this.#shell = shell
    // The lifeline's stdin stays open as long as this process lives; never written to.
    shell.stdin!.on('error', () => {})
    this.#exited = new Promise((resolve) => {
      shell.on('exit', (code, signal) => {
        this.#pid = null
        this.#shell = null
        live.delete(this)
        // the shell exits with the server's status; 128+n means the server died of signal n
        resolve(code !== null && code > 128 ? { code: null, signal: signalName(code - 128) } : { code, signal })
      })
    })
    installExitHook()
    live.add(this)
    this.#pid = await new Promise<number>((resolve, reject) => {
      let out = ''
      const onData = (d: Buffer): void => {
        out += d.toString()
        const nl = out.indexOf('\n')
        if (nl < 0) return
        shell.stdout!.off('data', onData)
        resolve(Number(out.slice(0, nl)))
      }
      shell.stdout!.on('data', onData)
      shell.on('error', reject)
      shell.on('exit', () => reject(new ZooKeeperServerError(`ZooKeeper ${this.address} launcher exited at once`)))
    })
  }

  #config(dataDir: string): string {
    const tick = this.#opts.tickTimeMs ?? 500
    const lines = [
      `tickTime=${tick}`,
      'initLimit=20',
      'syncLimit=5',
      `dataDir=${dataDir}`,
      `clientPort=${this.clientPort}`,
      `clientPortAddress=${this.host}`,
      'maxClientCnxns=0', // every broker of a local cluster connects from the same address
      `minSessionTimeout=${this.#opts.minSessionTimeoutMs ?? 2 * tick}`,
      `maxSessionTimeout=${this.#opts.maxSessionTimeoutMs ?? 60_000}`,
      'admin.enableServer=false', // else Jetty takes port 8080
      '4lw.commands.whitelist=*',
      `forceSync=${this.#opts.fsync === false ? 'no' : 'yes'}`,
      'preAllocSize=4096', // KB; the default preallocates 64 MB log files
      'autopurge.snapRetainCount=3',
      'autopurge.purgeInterval=1',
    ]
    for (const p of this.#opts.quorum?.peers ?? []) lines.push(`server.${p.id}=${p.host}:${p.quorumPort}:${p.electionPort}`)
    return lines.join('\n') + '\n'
  }

  /** The server's mode from `srvr` (standalone, leader, follower), null when it does not serve. */
  mode(timeoutMs = 1000): Promise<string | null> {
    return serverMode(this.host, this.clientPort, timeoutMs)
  }

  /** Waits until `srvr` reports a serving mode; fails early when the process exits, with its log's tail. */
  async waitReady(timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (!this.running) throw new ZooKeeperServerError(`ZooKeeper ${this.address} exited while starting:\n${this.logTail()}`)
      const mode = await this.mode(Math.min(1000, Math.max(100, deadline - Date.now())))
      if (mode !== null) return mode
      if (Date.now() >= deadline) throw new ZooKeeperServerError(`ZooKeeper ${this.address} not serving after ${timeoutMs} ms:\n${this.logTail()}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** Stops the server (SIGTERM, SIGKILL after `timeoutMs`); resumes it first if paused. */
  async stop(timeoutMs = 5000): Promise<void> {
    const pid = this.#pid
    if (pid === null) return
    signal(pid, 'SIGCONT')
    signal(pid, 'SIGTERM')
    const timer = setTimeout(() => signal(pid, 'SIGKILL'), timeoutMs)
    await this.#exited
    clearTimeout(timer)
  }

  /** kill -9, and wait until it is gone. */
  async kill(): Promise<void> {
    const pid = this.#pid
    if (pid === null) return
    signal(pid, 'SIGKILL')
    await this.#exited
  }

  /**
   * SIGSTOP: the server freezes with its sockets open, like a long GC pause or a hung host.
   * Resolves once the kernel reports the process stopped (a busy JVM takes a moment), so
   * whatever the caller sends next is certain to meet a frozen server.
   */
  async pause(): Promise<void> {
    const pid = this.#pid
    if (pid === null) return
    signal(pid, 'SIGSTOP')
    for (let i = 0; i < 200; i++) {
      let state: string | undefined
      try {
        // /proc/<pid>/stat: "pid (comm) state ..."; comm may contain spaces, so split after ')'
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      } catch {
        await new Promise((r) => setTimeout(r, 50)) // no /proc: give the signal a moment
        return
      }
      if (state === 'T' || state === 't') return
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  /** SIGCONT after pause(). */
  resume(): void {
    if (this.#pid !== null) signal(this.#pid, 'SIGCONT')
  }

  /** Synchronous SIGKILL, for exit hooks. */
  killNow(): void {
    if (this.#pid !== null) signal(this.#pid, 'SIGKILL')
  }

  /** The last `bytes` of zookeeper.log, for error messages. */
  logTail(bytes = 4000): string {
    try {
      const fd = openSync(this.logFile, 'r')
      try {
        const size = fstatSync(fd).size
        const n = Math.min(bytes, size)
        const buf = Buffer.alloc(n)
        readSync(fd, buf, 0, n, size - n)
        return buf.toString('utf8')
      } finally {
        closeSync(fd)
      }
    } catch {
      return '(no log)'
    }
  }
}

// $1 is the log file, $2 a directory to delete when the lifeline breaks ('' for none), the rest
// the server's command line. fd 3 keeps the lifeline (our stdin): background jobs of a
// non-interactive shell get /dev/null as stdin, so the watcher reads fd 3.
const LIFELINE = `
log=$1; orphan_dir=$2; shift 2
exec 3<&0
"$@" </dev/null 3<&- >>"$log" 2>&1 &
child=$!
echo "$child"
(
  while read -r _ <&3; do :; done
  trap '' TERM # the server's exit makes the main shell TERM us: finish the cleanup first
  kill -KILL "$child" 2>/dev/null
  if [ -n "$orphan_dir" ]; then
    while kill -0 "$child" 2>/dev/null; do sleep 0.1; done
    rm -rf "$orphan_dir"
  fi
) &
watcher=$!
exec 3<&-
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
`

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

function signalName(n: number): NodeJS.Signals | null {
  const names: Partial<Record<number, NodeJS.Signals>> = { 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM', 6: 'SIGABRT' }
  return names[n] ?? null
}

// ---- ensembles --------------------------------------------------------------------------------------

export interface EnsembleOptions extends Omit<ZooKeeperServerOptions, 'dir' | 'clientPort' | 'quorum' | 'orphanDir'> {
  /** number of servers; 1 runs standalone. Default 1. */
  size?: number
  /** parent directory of the servers' directories; a temporary one (removed by stop()) when omitted */
  dir?: string
  /** client ports; free loopback ports chosen now when omitted */
  clientPorts?: readonly number[]
  /** how long start() waits until every server serves; default 30 s */
  readyTimeoutMs?: number
}

/** One standalone ZooKeeper or an ensemble of several, on loopback ports chosen at run time. */
export class ZooKeeperEnsemble {
  readonly servers: readonly ZooKeeperServerProcess[]
  readonly dir: string
  readonly #ownsDir: boolean
  readonly #readyTimeoutMs: number

  private constructor(servers: ZooKeeperServerProcess[], dir: string, ownsDir: boolean, readyTimeoutMs: number) {
    this.servers = servers
    this.dir = dir
    this.#ownsDir = ownsDir
    this.#readyTimeoutMs = readyTimeoutMs
  }

  /**
   * Starts the servers and waits until all serve. Ports are found free and handed to ZooKeeper,
   * which leaves a short window for another process to take one; a start that fails that way is
   * retried with new ports (twice).
   */
  static async start(opts: EnsembleOptions = {}): Promise<ZooKeeperEnsemble> {
    const size = opts.size ?? 1
    const ownsDir = opts.dir === undefined
    const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'samsa-zk-'))
    const install = opts.install ?? findZooKeeper()
    if (typeof install === 'string') throw new ZooKeeperServerError(install)
    let lastError: unknown
    for (let attempt = 0; attempt < 3; attempt++) {
      const ports = await freePorts(opts.host ?? '127.0.0.1', size === 1 ? 1 : size * 3)
      const clientPorts = opts.clientPorts ?? ports.slice(0, size)
      const peers: QuorumPeer[] =
        size === 1
          ? []
          : Array.from({ length: size }, (_, i) => ({
              id: i + 1,
              host: opts.host ?? '127.0.0.1',
              quorumPort: ports[size + 2 * i]!,
              electionPort: ports[size + 2 * i + 1]!,
            }))
      const servers = clientPorts.map(
        (clientPort, i) =>
          new ZooKeeperServerProcess({
            ...opts,
            install,
            dir: join(dir, `zk${i + 1}`),
            orphanDir: ownsDir ? dir : undefined,
            clientPort,
            quorum: size === 1 ? undefined : { myId: i + 1, peers },
          }),
      )
      const ensemble = new ZooKeeperEnsemble(servers, dir, ownsDir, opts.readyTimeoutMs ?? 30_000)
      try {
        for (const s of servers) await s.start()
        await ensemble.waitReady()
        return ensemble
      } catch (err) {
        lastError = err
        await Promise.all(servers.map((s) => s.kill()))
        const portTaken = servers.some((s) => /Address already in use|BindException/.test(s.logTail(20_000)))
        for (const s of servers) rmSync(s.dir, { recursive: true, force: true })
        if (!portTaken || opts.clientPorts !== undefined) break
      }
    }
    if (ownsDir) rmSync(dir, { recursive: true, force: true })
    throw lastError
  }

  /** `host:port,host:port[/chroot]` for every server. */
  connectString(chroot = ''): string {
    return this.servers.map((s) => s.address).join(',') + chroot
  }

  /** Waits until every running server serves (standalone, or leader/follower with a quorum). */
  async waitReady(timeoutMs = this.#readyTimeoutMs): Promise<void> {
    await Promise.all(this.servers.filter((s) => s.running).map((s) => s.waitReady(timeoutMs)))
  }

  /** The current leader (for one server, that server); null when none serves as leader. */
  async leader(): Promise<ZooKeeperServerProcess | null> {
    for (const s of this.servers) {
      if (!s.running) continue
      const mode = await s.mode()
      if (mode === 'leader' || mode === 'standalone') return s
    }
    return null
  }

  /** Stops every server (resuming paused ones) and removes the directory if it was temporary. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()))
    if (this.#ownsDir) rmSync(this.dir, { recursive: true, force: true })
  }
}

/** `n` distinct ports that were free a moment ago (held together so they differ). */
export async function freePorts(host: string, n: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    for (let i = 0; i < n; i++) {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, host, () => resolve())
      })
    }
    return servers.map((s) => (s.address() as { port: number }).port)
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  }
}
