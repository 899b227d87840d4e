/**
 * Child processes that cannot outlive the process that started them (dev-cluster's brokers,
 * tests' brokers). Each runs under a small shell holding a pipe from this process; when the pipe
 * closes (this process exited, even by SIGKILL) the shell sends the child SIGTERM, then SIGKILL
 * after a grace period. Signals for the child go to its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable } from 'node:stream'

// A background list's stdin is /dev/null in sh, so the watcher reads the pipe through fd 4.
const LIFELINE = `
grace=$1; shift
exec 4<&0
"$@" </dev/null 3>&- 4<&- &
child=$!
echo "$child" >&3
exec 3>&-
(
  while read -r _ <&4; do :; done
  kill -TERM "$child" 2>/dev/null
  sleep "$grace"
  kill -KILL "$child" 2>/dev/null
) &
watcher=$!
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
exit $status
`

export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface LifelineChild {
  /** the child's own pid (not the shell's) */
  readonly pid: number
  readonly stdout: Readable
  readonly stderr: Readable
  /** resolves when the child has exited */
  readonly exited: Promise<ExitStatus>
  readonly running: boolean
  /** sends a signal to the child; false when it is gone */
  signal(sig: NodeJS.Signals): boolean
}

const SIGNALS: Record<number, NodeJS.Signals> = { 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM', 6: 'SIGABRT', 11: 'SIGSEGV' }

/**
 * `ownProcessGroup`: the child gets a process group of its own, so a Ctrl-C at the terminal
 * reaches only this process (which then stops the child as it sees fit).
 */
export async function spawnWithLifeline(
  command: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; graceSeconds?: number; ownProcessGroup?: boolean } = {},
): Promise<LifelineChild> {
  const shell: ChildProcess = spawn('/bin/sh', ['-c', LIFELINE, 'samsa-lifeline', String(opts.graceSeconds ?? 10), command, ...args], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    detached: opts.ownProcessGroup === true,
  })
  // stdin stays open as long as this process lives; nothing is ever written to it.
  shell.stdin!.on('error', () => {})
  let running = true
  const exited = new Promise<ExitStatus>((resolve) => {
    shell.on('exit', (code, signal) => {
      running = false
      // the shell exits with the child's status: 128+n when the child died of signal n
      resolve(code !== null && code > 128 ? { code: null, signal: SIGNALS[code - 128] ?? null } : { code, signal })
    })
  })
  const pid = await new Promise<number>((resolve, reject) => {
    let out = ''
    const pidPipe = shell.stdio[3] as Readable
    pidPipe.on('data', (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl >= 0) resolve(Number(out.slice(0, nl)))
    })
    shell.on('error', reject)
    shell.on('exit', () => reject(new Error(`${command} could not be started`)))
  })
  return {
    pid,
    stdout: shell.stdout!,
    stderr: shell.stderr!,
    exited,
    get running() {
      return running
    },
    signal(sig) {
      if (!running) return false
      try {
        process.kill(pid, sig)
        return true
      } catch {
        return false
      }
    },
  }
}
