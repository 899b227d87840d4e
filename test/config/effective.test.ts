// Keeps the config table honest: a config marked effective is read somewhere outside src/config
// (as `values.camelName`, `.camelName` of a log config, or `get('name')`), and one marked
// `effective: false` is read nowhere. When you make Samsa act on a config, flip its flag (and
// drop its note); when this test fails, that is what it asks for.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BROKER_CONFIGS } from '../../src/config/broker-config-defs.js'
import { TOPIC_CONFIGS } from '../../src/config/topic-config.js'
import { camelCase, type ConfigKey } from '../../src/config/config-key.js'
import type { TopicKey } from '../../src/config/topic-config.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
// The broker's code; the client, the CLI's tools and generated codecs have their own
// same-named fields (a producer's compression type is not the topic's).
const SKIP = ['src/config/', 'src/protocol/generated/', 'src/client/', 'src/console/ui/']
// Read inside src/config to build a value the broker reads (`values.listeners`, `values.logDirs`),
// or to check one: the group.consumer bounds limit each group's own configs (validateGroupConfigs).
const DERIVED = new Set([
  'listener.security.protocol.map',
  'advertised.listeners',
  'log.dir',
  'log.dirs',
  'group.consumer.min.heartbeat.interval.ms',
  'group.consumer.max.heartbeat.interval.ms',
  'group.consumer.min.session.timeout.ms',
  'group.consumer.max.session.timeout.ms',
])

function sources(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    const rel = relative(root, p).split('\\').join('/') + (e.isDirectory() ? '/' : '')
    if (SKIP.some((s) => rel.startsWith(s))) continue
    if (e.isDirectory()) out.push(...sources(p))
    else if (/\.tsx?$/.test(e.name)) out.push(readFileSync(p, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))
  }
  return out
}

test('configs marked effective are read by the broker, and only those', () => {
  const code = sources(join(root, 'src')).join('\n')
  const readAsField = (name: string): boolean => new RegExp(`\\.${camelCase(name)}\\b`).test(code)
  const readByName = (name: string): boolean => code.includes(`get('${name}')`)

  const wrong: string[] = []
  const topicRead = new Map<string, boolean>()
  for (const [name, k] of Object.entries(TOPIC_CONFIGS) as Array<[string, TopicKey]>) {
    const read = readAsField(name) || readByName(name)
    topicRead.set(name, read && k.effective)
    if (read !== k.effective) wrong.push(`topic config ${name}: effective ${k.effective}, but ${read ? 'it is read' : 'nothing reads it'}`)
  }
  for (const [name, k] of Object.entries(BROKER_CONFIGS) as Array<[string, ConfigKey]>) {
    if (k.internal) continue
    // A broker config also takes effect as the default of the topic configs it is a synonym of.
    const viaTopic = (Object.entries(TOPIC_CONFIGS) as Array<[string, TopicKey]>).some(
      ([t, tk]) => tk.synonyms.some((s) => s.name === name) && topicRead.get(t) === true,
    )
    const read = readAsField(name) || readByName(name) || viaTopic || DERIVED.has(name)
    if (read !== k.effective) wrong.push(`broker config ${name}: effective ${k.effective}, but ${read ? 'it is read' : 'nothing reads it'}`)
  }
  assert.deepEqual(wrong, [])
})
