/** Runs `node bin/samsa.js ...` as a child process against a broker started by the test. */
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const bin = join(root, 'bin', 'samsa.js')

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout as raw bytes, for binary checks. */
  raw: Buffer
}

export function samsa(
  args: readonly string[],
  opts: { bootstrap?: string; input?: string | Buffer; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env }
    delete env.SAMSA_BOOTSTRAP_SERVER
    if (opts.bootstrap !== undefined) env.SAMSA_BOOTSTRAP_SERVER = opts.bootstrap
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`samsa ${args.join(' ')} timed out\n${Buffer.concat(err).toString()}`))
    }, opts.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      const raw = Buffer.concat(out)
      resolve({ code, stdout: raw.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), raw })
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** Starts `samsa ...` and returns the child, for tests that signal it. */
export function spawnSamsa(args: readonly string[], bootstrap: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, NO_COLOR: '1', SAMSA_BOOTSTRAP_SERVER: bootstrap },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '')
}

/**
 * The command line `script` runs: node, the samsa binary and the arguments, quoted for sh.
 * `exec` replaces the shell: dash (Debian's /bin/sh, `script`'s shell when SHELL is unset) kills
 * itself with SIGINT after a Ctrl-C even when its child exits 0, so the status would be 130.
 */
function shellLine(args: readonly string[]): string {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
  return ['exec', ...[process.execPath, bin, ...args].map(q)].join(' ')
}

/**
 * Runs `samsa ...` on a pseudo-terminal (util-linux `script`), as a person at a terminal would:
 * stdin, stdout and stderr are all the terminal. Write to `child.stdin` to type (\x03 is
 * Ctrl-C); `output()` is what the terminal showed (stdout and stderr together, with echo).
 */
export function spawnPty(
  args: readonly string[],
  opts: { bootstrap?: string; env?: Record<string, string> } = {},
): { child: ReturnType<typeof spawn>; output(): string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env }
  delete env.NO_COLOR
  delete env.SAMSA_BOOTSTRAP_SERVER
  if (opts.bootstrap !== undefined) env.SAMSA_BOOTSTRAP_SERVER = opts.bootstrap
  env.TERM = 'xterm'
  const child = spawn('script', ['-qfec', shellLine(args), '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return { child, output: () => out, exited }
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Strips terminal control sequences (colours, cursor moves) and carriage returns. */
export const plain = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '')
