#!/usr/bin/env node
// Bundles the web console (src/console/ui) into static assets under dist/src/console/public:
// index.html plus content-hashed JS and CSS (served with long cache lifetimes) and a .gz of
// each, so the console server can send precompressed files. `npm run build` runs this after
// tsc; the UI is type-checked by its own tsconfig (DOM + JSX), not by the NodeNext one.
import { build } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const ui = join(root, 'src', 'console', 'ui')
const out = join(root, 'dist', 'src', 'console', 'public')
const started = performance.now()

rmSync(out, { recursive: true, force: true })
mkdirSync(join(out, 'assets'), { recursive: true })

const result = await build({
  entryPoints: [join(ui, 'main.tsx')],
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
})

const assets = Object.keys(result.metafile.outputs).map((p) => basename(p))
const js = assets.find((a) => a.endsWith('.js'))
const css = assets.find((a) => a.endsWith('.css'))
if (js === undefined || css === undefined) throw new Error(`build-ui: expected one .js and one .css, got ${assets.join(', ')}`)

const html = readFileSync(join(ui, 'index.html'), 'utf8').replace('%CSS%', `assets/${css}`).replace('%JS%', `assets/${js}`)
writeFileSync(join(out, 'index.html'), html)

const sizes = []
for (const file of ['index.html', `assets/${js}`, `assets/${css}`]) {
  const body = readFileSync(join(out, file))
  const gz = gzipSync(body, { level: 9 })
  writeFileSync(join(out, `${file}.gz`), gz)
  sizes.push(`${file} ${(body.length / 1024).toFixed(1)} KiB (${(gz.length / 1024).toFixed(1)} KiB gzip)`)
}
if (process.env.SAMSA_BUILD_QUIET === undefined) {
  console.error(`build-ui: ${sizes.join(', ')} in ${Math.round(performance.now() - started)} ms`)
}
