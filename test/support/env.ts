/**
 * Where things are and which external tools exist, for tests that run real clients.
 *
 * Tests compile to dist/test/..., but helper scripts (Python, shell) stay in the source tree, so
 * every path is resolved from the repository root, found by walking up to package.json.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'samsa') return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('cannot find the samsa repository root above ' + fileURLToPath(import.meta.url))
    dir = up
  }
}

export const repoRoot = findRepoRoot()

/** A path inside the source tree (not dist/). */
export function sourcePath(...parts: string[]): string {
  return resolve(repoRoot, ...parts)
}

/** Debian's Python: the distribution's python3-kafka and python3-confluent-kafka import only there. */
export const PYTHON = '/usr/bin/python3'

export const inCI = process.env.CI === 'true' || process.env.CI === '1'

const probes = new Map<string, string | null>()

/**
 * Checks that an external tool works: null when it does, else why not. `probe` is the command
 * line whose exit status 0 means "available".
 */
export function probeTool(name: string, command: string, args: string[]): string | null {
  const cached = probes.get(name)
  if (cached !== undefined) return cached
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 })
  const why =
    r.error !== undefined
      ? `${name} unavailable: ${r.error.message}`
      : r.status !== 0
        ? `${name} unavailable: ${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`
        : null
  probes.set(name, why)
  return why
}

/**
 * For node:test's `skip` option: in CI a missing tool is a failure (throws), locally the test is
 * skipped with the reason.
 */
export function requireTool(why: string | null): string | false {
  if (why === null) return false
  if (inCI) throw new Error(`${why} (CI must install it; see .ci/run)`)
  return `${why} - install it to run this test (CI fails instead of skipping)`
}

export const tools = {
  kcat: () => probeTool('kcat', 'kcat', ['-V']),
  kafkaPython: () => probeTool('kafka-python', PYTHON, ['-c', 'import kafka, snappy, lz4, zstandard']),
  confluentKafka: () => probeTool('confluent-kafka', PYTHON, ['-c', 'import confluent_kafka']),
}

/** Loads an optional npm package; null (with the reason) when it is not installed. */
export async function optionalImport<T>(name: string): Promise<{ mod: T; why: null } | { mod: null; why: string }> {
  try {
    return { mod: (await import(name)) as T, why: null }
  } catch (err) {
    return { mod: null, why: `npm package ${name} unavailable: ${(err as Error).message.split('\n')[0]}` }
  }
}
