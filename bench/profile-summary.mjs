#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): the hottest functions by self time, and by
// total time (self plus callees). `node bench/profile-summary.mjs FILE.cpuprofile [N]`
import { readFileSync } from 'node:fs'

const [file, topArg] = process.argv.slice(2)
const top = Number(topArg ?? 25)
const prof = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(prof.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const selfTicks = new Map()
for (const s of prof.samples) selfTicks.set(s, (selfTicks.get(s) ?? 0) + 1)
const total = prof.samples.length
const name = (n) => {
  const f = n.callFrame
  const where = f.url ? `${f.url.replace(/^.*\/(dist|node_modules)\//, '')}:${f.lineNumber + 1}` : ''
  return `${f.functionName || '(anonymous)'} ${where}`.trim()
}
const self = new Map()
const incl = new Map()
for (const [id, ticks] of selfTicks) {
  const key = name(byId.get(id))
  self.set(key, (self.get(key) ?? 0) + ticks)
  const seen = new Set()
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur))
    if (!seen.has(k)) {
      seen.add(k)
      incl.set(k, (incl.get(k) ?? 0) + ticks)
    }
  }
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`
const show = (title, m) => {
  console.log(`\n${title} (${total} samples)`)
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`)
}
show('self', self)
show('total', incl)
