/** A ClientDriver over one of the Python driver scripts in test/interop/py (JSON in, JSON out). */
import { PYTHON, sourcePath } from './env.js'
import { runOk } from './process.js'
import { fromWire, toWire, type WireSample } from './dataset.js'
import type { ClientDriver, OffsetsResult } from './scenario.js'

async function call(script: string, command: string, request: object, timeoutMs = 90_000): Promise<any> {
  const r = await runOk(PYTHON, [sourcePath('test/interop/py', script), command], { input: JSON.stringify(request), timeoutMs })
  const lines = r.stdout.toString().trim().split('\n')
  return JSON.parse(lines[lines.length - 1]!)
}

export function pythonDriver(name: string, script: string, codecs: readonly string[], extra: Partial<ClientDriver> = {}): ClientDriver {
  return {
    ...extra,
    name,
    codecs,
    kind: 'binary',
    setsTimestamps: true,
    async createTopic(bootstrap, topic, partitions) {
      await call(script, 'create-topic', { bootstrap, topic, partitions })
    },
    async produce(bootstrap, topic, codec, samples) {
      const res = await call(script, 'produce', { bootstrap, topic, compression: codec, records: samples.map(toWire) })
      return (res.acks as Array<{ partition: number; offset: number }>).map((a) => ({ partition: a.partition, offset: a.offset }))
    },
    async consume(bootstrap, topic, partitions) {
      const res = await call(script, 'consume', { bootstrap, topic, partitions })
      return (res.records as WireSample[]).map(fromWire)
    },
    async offsets(bootstrap, topic, partitions, times): Promise<OffsetsResult> {
      const res = await call(script, 'offsets', { bootstrap, topic, partitions, times })
      const num = (o: Record<string, number>): Record<number, number> => Object.fromEntries(Object.entries(o).map(([k, v]) => [Number(k), v]))
      const t: Record<number, number | null> = {}
      for (const [k, v] of Object.entries(res.times as Record<string, { offset: number } | null>)) t[Number(k)] = v === null ? null : v.offset
      return { earliest: num(res.earliest), latest: num(res.latest), times: t }
    },
  }
}
