// The dependency rules of ARCHITECTURE.md, enforced: every relative import under src/ must go in
// a direction the layer table allows, and no import circle may exist between files (type-only
// imports included: a type circle is a design circle, and tomorrow's value import).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importsOf, layerOf, parseLayerTable, findCycles, type LayerTable } from './import-graph.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const SRC = join(ROOT, 'src')

/** Every file under `dir` (stylesheets and assets too: they may be imported). */
function allFiles(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...allFiles(p))
    else out.push(p)
  }
  return out
}

/** src-relative path with forward slashes and the .ts extension. */
const rel = (abs: string): string => relative(SRC, abs).split(sep).join('/')

/** Resolves a relative import specifier (`../x.js`) to the src-relative .ts/.tsx file it names. */
function resolveImport(from: string, spec: string, files: Set<string>): string | undefined {
  const base = rel(resolve(dirname(join(SRC, from)), spec))
  const stem = base.replace(/\.(js|jsx|ts|tsx|mjs)$/, '')
  for (const c of [`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`, base]) if (files.has(c)) return c
  return undefined
}

function graph(): Map<string, string[]> {
  const known = new Set(allFiles(SRC).map(rel))
  const files = [...known].filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
  const g = new Map<string, string[]>()
  for (const f of files) {
    const targets: string[] = []
    for (const spec of importsOf(readFileSync(join(SRC, f), 'utf8'))) {
      if (!spec.startsWith('.')) continue
      const t = resolveImport(f, spec, known)
      assert.ok(t !== undefined, `${f} imports ${spec}, which is not a file under src/`)
      targets.push(t)
    }
    g.set(f, targets)
  }
  return g
}

function table(): LayerTable {
  return parseLayerTable(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'))
}

test('every import under src/ goes in a direction ARCHITECTURE.md allows', () => {
  const layers = table()
  const g = graph()
  const bad: string[] = []
  for (const [from, targets] of g) {
    const fromLayer = layerOf(from)
    const allowed = layers.get(fromLayer)
    if (allowed === undefined) {
      bad.push(`${from}: layer "${fromLayer}" is not in ARCHITECTURE.md's table`)
      continue
    }
    for (const to of targets) {
      const toLayer = layerOf(to)
      if (toLayer === fromLayer) continue
      if (allowed.has(toLayer) || allowed.has(to)) continue
      bad.push(`${from} -> ${to} (${fromLayer} may import ${[...allowed].join(', ') || 'nothing'})`)
    }
  }
  assert.deepEqual(bad, [], `forbidden imports:\n  ${bad.join('\n  ')}`)
})

test('no import circles between files under src/', () => {
  const cycles = findCycles(graph())
  assert.deepEqual(
    cycles.map((c) => c.join(' -> ')),
    [],
    'import circles',
  )
})

test('the layer table itself has no circles', () => {
  const layers = table()
  const g = new Map<string, string[]>()
  for (const [layer, allowed] of layers)
    g.set(
      layer,
      [...allowed].map((a) => layerOf(a)).filter((a) => a !== layer),
    )
  assert.deepEqual(
    findCycles(g).map((c) => c.join(' -> ')),
    [],
  )
})

test('the checker sees every kind of import and ignores strings and comments', () => {
  const src = [
    "import { a } from './a.js'",
    "import type { B } from '../b/b.js'",
    'import {',
    '  c,',
    "} from './c.js'",
    "export { d } from './d.js'",
    "export * from './e.js'",
    "import './f.js'",
    "const g = await import('./g.js')",
    "function h(x: import('./h.js').H) {}",
    "// import { no } from './comment.js'",
    "/* import { no } from './block.js' */",
    'const s = "import { no } from \'./string.js\'"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template literal in it
    "const t = `from './template.js' ${'x'}`",
  ].join('\n')
  assert.deepEqual(importsOf(src), ['./a.js', '../b/b.js', './c.js', './d.js', './e.js', './f.js', './g.js', './h.js'])
  assert.deepEqual(
    findCycles(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
        ['d', ['a']],
      ]),
    ),
    [['a', 'b', 'c', 'a']],
  )
  assert.equal(layerOf('broker/handlers/001-fetch.ts'), 'broker')
  assert.equal(layerOf('index.ts'), 'index')
})
