/** Shared bits of the consumer-group interop tests: running real clients as child processes. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (dist/test/interop is three levels below it). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** Debian's python, where python3-kafka and python3-confluent-kafka import. */
export const PYTHON = '/usr/bin/python3'

/** Whether a Python module imports under Debian's python (tests skip when it does not). */
export function hasPythonModule(module: string): boolean {
  const r = spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' })
  return r.status === 0
}

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a program to completion, killing it after `timeoutMs`. */
export function run(cmd: string, args: string[], opts: { timeoutMs?: number; input?: string; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** Runs a Python script (given as source) with arguments; fails with its stderr if it exits non-zero. */
export async function python(source: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await run(PYTHON, ['-c', source, ...args], { timeoutMs })
  if (r.code !== 0) throw new Error(`python exited ${r.code}:\n${r.stderr.slice(-4000)}`)
  return r.stdout
}

/** Starts a long-running child whose stdout is read line by line. */
export function spawnLines(cmd: string, args: string[], onLine: (line: string) => void): ChildProcess {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let buf = ''
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString()
    let i
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i))
      buf = buf.slice(i + 1)
    }
  })
  child.stderr!.on('data', () => {})
  return child
}

/** Polls `check` until it returns true, failing after `timeoutMs` with `what`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}
