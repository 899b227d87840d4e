/** A broker and a console on free ports, and small HTTP helpers for the console tests. */
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { startConsole, type RunningConsole } from '../../src/console/index.js'
import { Admin, Producer } from '../../src/client/index.js'

export interface Setup {
  broker: EmbeddedBroker
  console: RunningConsole
  admin: Admin
  producer: Producer
  close(): Promise<void>
}

export async function setup(opts: { sampleIntervalMs?: number } = {}): Promise<Setup> {
  const broker = await startBroker({ port: 0 })
  const console = await startConsole({ bootstrap: broker.bootstrap, port: 0, sampleIntervalMs: opts.sampleIntervalMs ?? 300 })
  const admin = await Admin.connect({ bootstrap: broker.bootstrap })
  const producer = await Producer.connect({ bootstrap: broker.bootstrap })
  return {
    broker,
    console,
    admin,
    producer,
    async close() {
      await producer.close().catch(() => {})
      await admin.close()
      await console.close()
      await broker.close()
    },
  }
}

export interface Answer<T = any> {
  status: number
  body: T
  headers: Headers
}

export async function call<T = any>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const res = await fetch(new URL(path, base), {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers }
}

export interface SseEvent {
  event: string
  data: any
}

/** Reads an SSE stream until `until` says stop (or the stream ends); returns the events. */
export async function readEvents(
  url: string,
  until: (e: SseEvent, all: SseEvent[]) => boolean,
  opts: { timeoutMs?: number; onOpen?: () => void } = {},
): Promise<SseEvent[]> {
  const ctl = new AbortController()
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? 20_000)
  const events: SseEvent[] = []
  try {
    const res = await fetch(url, { signal: ctl.signal })
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
    opts.onOpen?.()
    const decoder = new TextDecoder()
    let buf = ''
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true })
      let i: number
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i)
        buf = buf.slice(i + 2)
        const event = /^event: (.*)$/m.exec(frame)?.[1]
        const data = /^data: (.*)$/m.exec(frame)?.[1]
        if (event === undefined || data === undefined) continue
        const e = { event, data: JSON.parse(data) }
        events.push(e)
        if (until(e, events)) return events
      }
    }
    return events
  } finally {
    clearTimeout(timer)
    ctl.abort()
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Produces `n` records to `topic` with keys k0.., JSON values and a header. */
export async function produceMany(
  p: Producer,
  topic: string,
  n: number,
  make?: (i: number) => { key?: string; value: string; partition?: number; timestamp?: number },
): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const r = make?.(i) ?? { key: `k${i}`, value: JSON.stringify({ n: i, name: `order ${i}` }) }
      return p.send({ topic, headers: [{ key: 'seq', value: String(i) }], ...r })
    }),
  )
}
