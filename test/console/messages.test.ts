// Browsing pages (both orders, one partition or all, by offset and time), search over SSE with
// progress (substring, regex, headers, limits, a regex that backtracks forever), and live tail.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { call, produceMany, readEvents, setup, sleep, type Setup } from './helpers.js'

let s: Setup
let base: string
const T0 = 1_700_000_000_000

before(async () => {
  s = await setup()
  base = s.console.url
  await s.admin.createTopics([{ name: 'm', partitions: 3 }])
  // 90 records, 30 per partition, timestamps interleaved across partitions.
  await produceMany(s.producer, 'm', 90, (i) => ({
    key: `k${i}`,
    value: JSON.stringify({ n: i, text: i === 42 ? 'the needle' : `hay ${i}` }),
    partition: i % 3,
    timestamp: T0 + i * 1000,
  }))
})
after(() => s.close())

const ids = (ms: { partition: number; offset: number }[]): string[] => ms.map((m) => `${m.partition}:${m.offset}`)
/** The records of a search's `matches` events, in order. */
const found = (events: Array<{ event: string; data: any }>): any[] => events.flatMap((e) => (e.event === 'matches' ? e.data : []))

async function allPages(query: string, limit: number): Promise<{ pages: number; messages: any[] }> {
  const out: any[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res: { status: number; body: any } = await call(
      base,
      `/api/topics/m/messages?${query}&limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    )
    assert.equal(res.status, 200, JSON.stringify(res.body))
    out.push(...res.body.messages)
    cursor = res.body.next
    pages++
  } while (cursor !== null && pages < 100)
  return { pages, messages: out }
}

test('newest-first pages cover every record once, in time order across partitions', async () => {
  const { pages, messages } = await allPages('from=latest&order=desc', 7)
  assert.equal(messages.length, 90)
  assert.equal(new Set(ids(messages)).size, 90)
  assert.equal(pages, 13)
  const ts = messages.map((m) => m.timestamp)
  assert.deepEqual(
    ts,
    [...ts].sort((a, b) => b - a),
  )
  assert.equal(messages[0].timestamp, T0 + 89_000)
})

test('oldest-first pages from the start cover every record once', async () => {
  const { messages } = await allPages('from=earliest&order=asc', 20)
  assert.equal(messages.length, 90)
  assert.equal(new Set(ids(messages)).size, 90)
  assert.deepEqual(
    messages.map((m) => m.timestamp),
    Array.from({ length: 90 }, (_, i) => T0 + i * 1000),
  )
})

test('one partition, from an offset, both ways', async () => {
  const asc = await call(base, '/api/topics/m/messages?partition=1&from=offset&offset=10&order=asc&limit=5')
  assert.deepEqual(ids(asc.body.messages), ['1:10', '1:11', '1:12', '1:13', '1:14'])
  const desc = await call(base, '/api/topics/m/messages?partition=1&from=offset&offset=10&order=desc&limit=3')
  assert.deepEqual(ids(desc.body.messages), ['1:10', '1:9', '1:8'])
  const last = await call(base, '/api/topics/m/messages?partition=2&limit=2')
  assert.deepEqual(ids(last.body.messages), ['2:29', '2:28'])
  assert.equal((await call(base, '/api/topics/m/messages?partition=7')).status, 400)
})

test('from a timestamp: the first record at or after it, or the ones before it newest-first', async () => {
  const at = T0 + 45_000 // record 45: partition 0, offset 15
  const asc = await call(base, `/api/topics/m/messages?from=timestamp&timestamp=${at}&order=asc&limit=3`)
  assert.deepEqual(
    asc.body.messages.map((m: { timestamp: number }) => m.timestamp),
    [at, at + 1000, at + 2000],
  )
  const desc = await call(base, `/api/topics/m/messages?from=timestamp&timestamp=${new Date(at).toISOString()}&order=desc&limit=3`)
  assert.deepEqual(
    desc.body.messages.map((m: { timestamp: number }) => m.timestamp),
    [at - 1000, at - 2000, at - 3000],
  )
})

test('search: substring over the whole topic, with progress and a final count', async () => {
  const events = await readEvents(`${base}api/topics/m/search?q=NEEDLE`, (e) => e.event === 'done' || e.event === 'error')
  assert.equal(events[0]!.event, 'start')
  assert.equal(events[0]!.data.total, 90)
  assert.deepEqual(
    found(events).map((m) => JSON.parse(m.value.text).n),
    [42],
  )
  const done = events.at(-1)!
  assert.deepEqual(
    { event: done.event, scanned: done.data.scanned, matches: done.data.matches, truncated: done.data.truncated },
    { event: 'done', scanned: 90, matches: 1, truncated: false },
  )
  assert.ok(events.some((e) => e.event === 'progress'))

  const cased = await readEvents(`${base}api/topics/m/search?q=NEEDLE&caseSensitive=1`, (e) => e.event === 'done')
  assert.equal(cased.at(-1)!.data.matches, 0)
})

test('search: regex, fields, headers, one partition, a limit', async () => {
  const regex = await readEvents(`${base}api/topics/m/search?q=${encodeURIComponent('^k(1[0-2])$')}&mode=regex&fields=key`, (e) => e.event === 'done')
  assert.deepEqual(
    found(regex)
      .map((m) => m.key.text)
      .sort(),
    ['k10', 'k11', 'k12'],
  )
  const headers = await readEvents(`${base}api/topics/m/search?q=77&fields=headers`, (e) => e.event === 'done')
  assert.deepEqual(
    found(headers).map((m) => m.key.text),
    ['k77'],
  )
  const onePartition = await readEvents(`${base}api/topics/m/search?q=hay&partition=2`, (e) => e.event === 'done')
  assert.equal(onePartition.at(-1)!.data.total, 30)
  assert.ok(found(onePartition).every((m) => m.partition === 2))
  const limited = await readEvents(`${base}api/topics/m/search?q=hay&limit=5`, (e) => e.event === 'done')
  assert.equal(found(limited).length, 5)
  assert.equal(limited.at(-1)!.data.truncated, true)
  assert.equal((await call(base, '/api/topics/m/search?q=(&mode=regex')).status, 400)
  assert.equal((await call(base, '/api/topics/m/search')).status, 400)
})

test('search: a filter expression over key, value (JSON fields), headers, offset, partition and timestamp', async () => {
  const q = async (filter: string): Promise<any[]> => {
    const events = await readEvents(`${base}api/topics/m/search?mode=filter&q=${encodeURIComponent(filter)}`, (e) => e.event === 'done' || e.event === 'error')
    assert.equal(events.at(-1)!.event, 'done', JSON.stringify(events.at(-1)))
    return found(events)
  }
  assert.deepEqual(
    (await q('value.n == 42')).map((m) => m.key.text),
    ['k42'],
  )
  assert.deepEqual(
    (await q('value.text contains "needle"')).map((m) => m.key.text),
    ['k42'],
  )
  assert.deepEqual(
    (await q('value.n >= 10 && value.n < 13 && partition == 1')).map((m) => m.key.text),
    ['k10'],
  )
  assert.deepEqual((await q('key startsWith "k8" and headers.seq != "80"')).map((m) => m.key.text).sort(), [
    'k8',
    'k81',
    'k82',
    'k83',
    'k84',
    'k85',
    'k86',
    'k87',
    'k88',
    'k89',
  ])
  assert.equal((await q(`timestamp >= "${new Date(T0 + 88_000).toISOString()}"`)).length, 2)
  assert.deepEqual((await q('offset == 0')).map((m) => m.partition).sort(), [0, 1, 2])
  assert.deepEqual((await q('valueText matches /"n":7[0-1]\\b/ || key == "k5"')).map((m) => m.key.text).sort(), ['k5', 'k70', 'k71'])
  assert.deepEqual((await q('not (value.n > 2) && !(value.n == 1)')).map((m) => m.key.text).sort(), ['k0', 'k2'])
  for (const [bad, message] of [
    ['value.n ==', /ends too early/],
    ['needle', /unknown name "needle".*valueText contains "needle"/],
    ['value.n = 3', /unexpected "="/],
    ['value ~ /(/', /not a valid regular expression/],
    ['upper(key, 1) == "x" && lowerx(1)', /unknown function lowerx/],
  ] as const) {
    const r = await call(base, `/api/topics/m/search?mode=filter&q=${encodeURIComponent(bad)}`)
    assert.equal(r.status, 400, bad)
    assert.match(r.body.error.message, message)
  }
})

test('a catastrophic regex is stopped in its worker while the server keeps answering', async () => {
  await s.admin.createTopics([{ name: 'redos', partitions: 1 }])
  await s.producer.send({ topic: 'redos', value: `${'a'.repeat(40)}!` })
  const started = Date.now()
  let overviewMs = -1
  const events = await readEvents(
    `${base}api/topics/redos/search?q=${encodeURIComponent('^(a+)+$')}&mode=regex`,
    (e) => e.event === 'done' || e.event === 'error',
    {
      timeoutMs: 30_000,
      onOpen: () => {
        void (async () => {
          await sleep(200)
          const t = Date.now()
          await call(base, '/api/health')
          overviewMs = Date.now() - t
        })()
      },
    },
  )
  const last = events.at(-1)!
  assert.equal(last.event, 'error')
  assert.match(last.data.message, /regular expression took longer/)
  assert.ok(Date.now() - started < 20_000)
  assert.ok(overviewMs >= 0 && overviewMs < 2_000, `the API answered during the search (${overviewMs} ms)`)
})

test('live tail streams records produced after it starts', async () => {
  await s.admin.createTopics([{ name: 'tail', partitions: 2 }])
  await s.producer.send({ topic: 'tail', value: 'before' })
  const events = await readEvents(`${base}api/topics/tail/tail`, (_e, all) => all.filter((x) => x.event === 'message').length === 2, {
    onOpen: () => {
      void (async () => {
        await sleep(300)
        await s.producer.send({ topic: 'tail', value: 'after-1', partition: 0 })
        await s.producer.send({ topic: 'tail', value: 'after-2', partition: 1 })
      })()
    },
  })
  assert.equal(events[0]!.event, 'ready')
  assert.deepEqual(
    events
      .filter((e) => e.event === 'message')
      .map((e) => e.data.value.text)
      .sort(),
    ['after-1', 'after-2'],
  )
})
