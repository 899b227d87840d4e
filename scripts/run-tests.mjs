#!/usr/bin/env node
// Runs every compiled test file under dist/test with node's test runner: `npm test` builds and
// then runs this. Node 20's --test does not expand globs, so the files are found here.
//
//   node scripts/run-tests.mjs                 all tests
//   node scripts/run-tests.mjs config logger   only files whose path contains "config" or "logger"
//   node scripts/run-tests.mjs --test-reporter=spec interop
//                                              arguments starting with -- go to node
//
// Environment: SAMSA_TEST_CONCURRENCY (default: available CPUs, at least 1),
// SAMSA_TEST_TIMEOUT ms per test file (default 600000; node 20 applies it to a whole file, and the
// examples file runs some 80 commands, 2-3 minutes on a busy 2-core machine and longer under
// coverage), so a hung test fails instead of hanging CI.
// SAMSA_TEST_COVERAGE=1 runs the tests under c8 and prints line/branch/function coverage of src/
// (child processes count too: brokers a test spawns); HTML report in coverage/.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const distTest = join(root, 'dist', 'test')

/** Compiled test files, skipping stale ones whose test/*.ts source was deleted or renamed. */
function findTests(dir) {
  if (!existsSync(dir)) return []
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...findTests(path))
    else if (entry.isFile() && entry.name.endsWith('.test.js')) {
      const source = join(root, relative(join(root, 'dist'), path)).replace(/\.js$/, '.ts')
      if (existsSync(source)) out.push(path)
    }
  }
  return out.sort()
}

const args = process.argv.slice(2)
const nodeFlags = args.filter((a) => a.startsWith('--'))
const filters = args.filter((a) => !a.startsWith('--'))

const all = findTests(distTest)
const files = all.filter((f) => {
  const rel = relative(root, f).split(sep).join('/')
  return filters.length === 0 || filters.some((s) => rel.includes(s))
})

if (files.length === 0) {
  console.error(
    all.length === 0
      ? `run-tests: no compiled tests under ${relative(process.cwd(), distTest) || '.'}; run "npm run build" first`
      : `run-tests: no test file path contains ${filters.map((s) => JSON.stringify(s)).join(' or ')}`,
  )
  process.exit(1)
}

const concurrency = Number(process.env.SAMSA_TEST_CONCURRENCY) || Math.max(1, availableParallelism())
const timeout = Number(process.env.SAMSA_TEST_TIMEOUT) || 600_000
const defaults = [`--test-concurrency=${concurrency}`, `--test-timeout=${timeout}`].filter((d) => !nodeFlags.some((f) => f.split('=')[0] === d.split('=')[0]))

const testArgs = ['--test', ...defaults, ...nodeFlags, ...files]
const c8 = join(root, 'node_modules', 'c8', 'bin', 'c8.js')
const argv =
  process.env.SAMSA_TEST_COVERAGE === '1'
    ? [
        c8,
        '--reporter=text-summary',
        '--reporter=html',
        '--include=src/**',
        '--exclude=src/protocol/generated/**',
        '--exclude-after-remap',
        process.execPath,
        ...testArgs,
      ]
    : testArgs
const child = spawn(process.execPath, argv, { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  if (signal !== null) {
    console.error(`run-tests: test runner killed by ${signal}`)
    process.exit(1)
  }
  process.exit(code ?? 1)
})
