#!/usr/bin/env node
// How long a `samsa` call takes before it does anything: the median wall time of short
// commands over several runs, and how many modules each loads. Commands load what they use
// lazily, so `samsa --version` should cost little more than starting Node.
//
//   node bench/cli-startup.mjs [path/to/bin/samsa.js] [runs]      (default: this checkout, 15)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = process.argv[2] ?? join(dirname(dirname(fileURLToPath(import.meta.url))), 'bin', 'samsa.js')
const runs = Number(process.argv[3] ?? 15)
const dir = mkdtempSync(join(tmpdir(), 'samsa-startup-'))
const hooks = join(dir, 'count.mjs')
const list = join(dir, 'loaded.txt')
writeFileSync(
  hooks,
  `import { register } from 'node:module'
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs'
export async function load(url, ctx, next) { appendFileSync(${JSON.stringify(list)}, url + '\\\\n'); return next(url, ctx) }\`))
`,
)

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
function time(args) {
  const ms = []
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    spawnSync(process.execPath, args, { stdio: 'ignore' })
    ms.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return median(ms)
}
function modules(args) {
  writeFileSync(list, '')
  spawnSync(process.execPath, ['--import', hooks, ...args], { stdio: 'ignore' })
  return readFileSync(list, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('data:')).length
}

const base = time(['-e', '0'])
console.log(`node -e 0: ${base.toFixed(0)} ms (median of ${runs})`)
for (const args of [['--version'], ['topics', 'list', '--help'], ['consume', '--help']]) {
  console.log(`samsa ${args.join(' ')}: ${time([bin, ...args]).toFixed(0)} ms, ${modules([bin, ...args])} modules`)
}
rmSync(dir, { recursive: true, force: true })
