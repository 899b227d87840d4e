// The console in a real browser (Debian's Chromium, headless, via playwright-core): every page
// opens; a topic is created through the form; messages produced by the form and by a client
// are browsed, found by search and seen arriving in live tail; configs are edited; a group's
// lag is shown and reset (needs the group APIs); the cluster going down is reported. Each page
// is screenshotted into test-artifacts/console/ and its load time (navigation to content
// visible) is printed and written to load-times.json.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { Consumer } from '../../src/client/index.js'
import { ARTIFACTS, haveChromium, launch } from './browser.js'
import { produceMany, setup, sleep, type Setup } from './helpers.js'

const skip = haveChromium ? false : 'Chromium is not installed (apt-get install chromium)'
let s: Setup
let browser: Browser
let page: Page
const loadTimes: Record<string, number> = {}
const requests: string[] = []
const pageErrors: string[] = []

before(async () => {
  if (skip !== false) return
  s = await setup({ sampleIntervalMs: 500 })
  browser = await launch()
  // A fixed time zone with a half-hour offset, so the test can see that times say which zone they are in.
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, timezoneId: 'Asia/Kolkata' })
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.console.url).origin })
  page.setDefaultTimeout(15_000)
  page.on('request', (r) => requests.push(r.url()))
  page.on('pageerror', (e) => pageErrors.push(e.message))
})

after(async () => {
  if (skip !== false) return
  writeFileSync(join(ARTIFACTS, 'load-times.json'), `${JSON.stringify(loadTimes, null, 2)}\n`)
  await browser?.close()
  await s?.close()
})

/** A full page load (not an in-app hash change): navigation start to the page's content on screen. */
async function open(t: { diagnostic(m: string): void }, name: string, hash: string): Promise<number> {
  await page.goto('about:blank')
  const started = Date.now()
  await page.goto(`${s.console.url}${hash}`)
  await page.locator('[data-ready]').first().waitFor({ state: 'visible' })
  const ms = Date.now() - started
  loadTimes[name] = ms
  t.diagnostic(`load ${name}: ${ms} ms`)
  return ms
}

/** A chart line with at least two points (a flat line has no height, so "visible" does not apply). */
const chartDrawn = (): Promise<unknown> => page.waitForFunction(() => (document.querySelector('.chart svg path')?.getAttribute('d') ?? '').includes('L'))

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })

test('overview shows the cluster, its broker and a live throughput chart', { skip }, async (t) => {
  await s.admin.createTopics([{ name: 'warmup', partitions: 2 }])
  const ms = await open(t, 'overview', '#/')
  assert.ok(ms < 5_000, `overview loaded in ${ms} ms`)
  await page.getByRole('heading', { name: 'Overview' }).waitFor()
  assert.equal(await page.locator('table tbody tr').count(), 1)
  for (let i = 0; i < 6; i++) {
    await produceMany(s.producer, 'warmup', 10)
    await sleep(300)
  }
  await chartDrawn()
  await shot('overview')
})

test('create a topic through the form', { skip }, async (t) => {
  await open(t, 'topics', '#/topics')
  await shot('topics')
  await page.getByRole('button', { name: 'Create topic' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Name', { exact: true }).first().fill('orders')
  await dialog.getByLabel('Partitions').fill('3')
  await dialog.locator('fieldset input').nth(0).fill('retention.ms')
  await dialog.locator('fieldset input').nth(1).fill('86400000')
  await dialog.getByRole('button', { name: 'Create', exact: true }).click()
  await page.waitForURL(/#\/topics\/orders$/)
  await page.locator('[data-page="topic"][data-ready]').waitFor()
  assert.equal(await page.locator('table').first().locator('tbody tr').count(), 3)
  const topics = await s.admin.describeTopics(['orders'])
  assert.equal(topics[0]!.partitions.length, 3)
  await open(t, 'topic', '#/topics/orders')
  await shot('topic')
})

test('messages: produced by a client and through the form, browsed, opened, exported', { skip }, async (t) => {
  await produceMany(s.producer, 'orders', 30, (i) => ({
    key: `order-${i}`,
    value: JSON.stringify({ id: i, item: i === 17 ? 'golden needle' : `widget ${i}` }),
  }))
  await open(t, 'messages', '#/topics/orders/messages')
  await page.locator('table.messages tbody tr').first().waitFor()
  assert.equal(await page.locator('table.messages tbody tr').count(), 30)
  await shot('messages')

  await page.getByRole('button', { name: 'Produce message' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Key', { exact: true }).fill('from-the-form')
  await dialog.getByLabel('Value', { exact: true }).fill('{"source":"form","ok":true}')
  await dialog.getByRole('button', { name: 'Add header' }).click()
  await dialog.getByLabel('Header name').fill('trace')
  await dialog.getByLabel('Header value').fill('abc-123')
  await dialog.getByLabel('Partition').selectOption('1')
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click()
  const written = await dialog.getByRole('status').textContent()
  const m = /partition 1 at offset (\d+)/.exec(written ?? '')
  assert.ok(m !== null, written ?? '')
  await shot('produce')
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  const row = page.locator(`tr[data-offset="1:${m[1]}"]`)
  await row.waitFor()
  assert.match((await row.textContent()) ?? '', /from-the-form/)

  await row.getByRole('button').click()
  const detail = page.getByRole('dialog')
  await detail.getByText('abc-123').waitFor()
  // Times say their zone (the page runs in Asia/Kolkata, UTC+05:30).
  assert.match((await detail.locator('.facts').textContent()) ?? '', /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC\+05:30/)
  assert.match((await row.textContent()) ?? '', /UTC\+05:30/)
  await detail.getByRole('radio', { name: 'JSON' }).check()
  // JSON values are a tree whose objects fold; copy buttons copy what is shown.
  const tree = detail.locator('.json-tree')
  assert.match((await tree.textContent()) ?? '', /"source": "form",\s*"ok": true/)
  assert.equal(await tree.locator('details').first().getAttribute('open'), '')
  await tree.locator('summary').first().click()
  assert.equal(await tree.locator('details').first().getAttribute('open'), null, 'folded')
  await detail.getByRole('button', { name: 'Copy value' }).click()
  await detail.getByRole('button', { name: 'Copy value' }).filter({ hasText: 'Copied' }).waitFor()
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), { source: 'form', ok: true })
  await detail.getByRole('radio', { name: 'Hex' }).check()
  assert.match((await detail.locator('pre.payload-full').nth(1).textContent()) ?? '', /^00000000 {2}7b 22 73 6f/)
  await shot('message')
  await page.keyboard.press('Escape')
  await detail.waitFor({ state: 'hidden' })
  // The view is one preference for the list and the dialog: back to text.
  await page.getByRole('radio', { name: 'Text' }).check()

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()])
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'))
  assert.equal(exported.length, 31)
  assert.ok(exported.some((e: { key: string; headers: { key: string; value: string }[] }) => e.key === 'from-the-form' && e.headers[0]!.value === 'abc-123'))
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
  const lines = readFileSync((await csv.path())!, 'utf8')
    .trim()
    .split('\r\n')
  assert.equal(lines[0], 'partition,offset,timestamp,key,value,headers')
  assert.equal(lines.length, 32)
})

test('search finds the message and shows progress', { skip }, async () => {
  await page.getByLabel('Search the whole topic').fill('golden needle')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.getByText(/^Done: scanned 31 of 31 records, 1 match/).waitFor()
  const rows = page.locator('table.messages tbody tr')
  assert.equal(await rows.count(), 1)
  assert.match((await rows.first().textContent()) ?? '', /order-17/)
  await shot('search')

  await page.getByLabel('Regex').check()
  await page.getByLabel('Search the whole topic').fill('^order-2[0-3]$')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.getByText(/^Done: .* 4 matches/).waitFor()
  await page.getByRole('radio', { name: 'Contains' }).check()
})

test('search with a filter expression over JSON fields, key and offset', { skip }, async () => {
  await page.getByRole('radio', { name: 'Filter' }).check()
  await page.getByLabel('Filter expression').fill('value.id >= 20 && value.id < 23 && key startsWith "order-"')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.getByText(/^Done: .* 3 matches/).waitFor()
  const keys = await page.locator('table.messages tbody tr td:nth-child(4)').allTextContents()
  assert.deepEqual(keys.sort(), ['order-20', 'order-21', 'order-22'])
  await page.getByLabel('Filter expression').fill('value.id === 3')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page
    .getByRole('alert')
    .filter({ hasText: /not a valid filter: unexpected "="/ })
    .waitFor()
  await shot('search-filter')
  await page.getByRole('radio', { name: 'Contains' }).check()
})

test('produce a tombstone through the form', { skip }, async () => {
  await page.getByRole('button', { name: 'Produce message' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Key', { exact: true }).fill('order-5')
  await dialog.getByLabel(/No value \(null\)/).check()
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click()
  const written = await dialog.getByRole('status').textContent()
  const m = /Tombstone written to partition (\d+) at offset (\d+)/.exec(written ?? '')
  assert.ok(m !== null, written ?? '')
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
  await page.getByRole('button', { name: 'Show messages' }).click()
  const row = page.locator(`tr[data-offset="${m[1]}:${m[2]}"]`)
  await row.waitFor()
  assert.match((await row.locator('td').nth(4).textContent()) ?? '', /^null$/)
})

test('live tail shows a message as it arrives', { skip }, async () => {
  await page.getByRole('button', { name: 'Live tail' }).click()
  await page.getByText('Waiting for new messages…').waitFor()
  await s.producer.send({ topic: 'orders', key: 'tail-key', value: 'hello from the tail test' })
  await page.locator('table.messages tbody tr', { hasText: 'hello from the tail test' }).waitFor()
  assert.equal(await page.getByRole('button', { name: 'Stop live tail' }).getAttribute('aria-pressed'), 'true')
  await shot('tail')
  await page.getByRole('button', { name: 'Stop live tail' }).click()
})

test("long lists come a page at a time: 300 topics, 120 partitions, a broker's log dir", { skip }, async (t) => {
  await s.admin.createTopics(Array.from({ length: 300 }, (_, i) => ({ name: `many-${String(i).padStart(3, '0')}`, partitions: 1 })))
  await s.admin.createTopics([{ name: 'wide', partitions: 120 }])
  await open(t, 'topics-300', '#/topics')
  const rows = page.locator('table tbody tr')
  assert.equal(await rows.count(), 50)
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  assert.ok(height < 3000, `the topics page is ${height} px tall`)
  const pager = page.getByRole('navigation', { name: 'Topics pages' })
  assert.match((await pager.getByRole('status').textContent()) ?? '', /^1–50 of 30\d$/)
  await pager.getByRole('button', { name: 'Next' }).click()
  assert.match((await pager.getByRole('status').textContent()) ?? '', /^51–100 of/)
  await pager.getByLabel('Per page').selectOption('200')
  await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 200)
  await page.getByRole('searchbox').fill('many-29')
  await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 10)
  await shot('topics-paged')

  await open(t, 'topic-wide', '#/topics/wide')
  assert.equal(await page.locator('table').first().locator('tbody tr').count(), 50)
  await page.getByRole('navigation', { name: 'Partitions pages' }).getByRole('button', { name: 'Last' }).click()
  await page.waitForFunction(() => document.querySelector('table')!.querySelectorAll('tbody tr').length === 20)

  await open(t, 'broker-paged', '#/brokers/1')
  await page.getByRole('navigation', { name: 'Log dir topics pages' }).waitFor()
  const brokerHeight = await page.evaluate(() => document.documentElement.scrollHeight)
  assert.ok(brokerHeight < 9000, `the broker page is ${brokerHeight} px tall`)
  await Promise.all([...Array.from({ length: 300 }, (_, i) => `many-${String(i).padStart(3, '0')}`), 'wide'].map((n) => s.admin.deleteTopics([n])))
})

test('purge a topic: every record goes, the topic stays', { skip }, async (t) => {
  await s.admin.createTopics([{ name: 'purgeable', partitions: 2 }])
  await produceMany(s.producer, 'purgeable', 10)
  await open(t, 'topic-purge', '#/topics/purgeable')
  await page.getByRole('button', { name: 'Purge records' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(/Type .* to confirm/).fill('purgeable')
  await dialog.getByRole('button', { name: 'Purge records' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction(() => [...document.querySelectorAll('table tbody tr td:nth-child(7)')].every((td) => td.textContent === '0'))
  const [d] = await s.admin.describeTopics(['purgeable'])
  assert.deepEqual(
    d!.partitions.map((p) => p.endOffset - p.startOffset),
    [0n, 0n],
  )
})

test('topic configs show sources and can be edited', { skip }, async (t) => {
  await open(t, 'topic-configs', '#/topics/orders/configs')
  const retention = page.locator('tr[data-config="retention.ms"]')
  // no fallback shown: Kafka's DescribeConfigs names no broker synonym for retention.ms while log.retention.ms is unset
  assert.match((await retention.textContent()) ?? '', /86400000.*topic override/s)
  await retention.getByRole('button', { name: 'Edit retention.ms' }).click()
  await page.getByRole('dialog').getByLabel('New value').fill('7200000')
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
  await page.locator('tr[data-config="retention.ms"]', { hasText: '7200000' }).waitFor()
  const [cfg] = await s.admin.describeConfigs({ type: 'topic', name: 'orders' }, { keys: ['retention.ms'] })
  assert.equal(cfg!.value, '7200000')
  await shot('topic-configs')
})

test('brokers and a broker with its configs and log dirs', { skip }, async (t) => {
  await open(t, 'brokers', '#/brokers')
  assert.match((await page.locator('table tbody').textContent()) ?? '', /Broker 1.*controller/s)
  await shot('brokers')
  await open(t, 'broker', '#/brokers/1')
  await page.getByRole('navigation', { name: 'Configs pages' }).waitFor()
  await page.getByPlaceholder('config name or value').fill('num.partitions')
  await page.locator('tr[data-config="num.partitions"]').waitFor()
  await shot('broker')
})

test('consumer groups list', { skip }, async (t) => {
  await open(t, 'groups', '#/groups')
  await shot('groups')
})

test('a group with lag: shown, charted, reset to earliest', { skip }, async (t) => {
  const consumer = await Consumer.connect({ bootstrap: s.broker.bootstrap, groupId: 'billing', autoOffsetReset: 'earliest', autoCommit: false })
  await consumer.subscribe(['orders'])
  let got = 0
  for (let i = 0; i < 20 && got < 10; i++) got += (await consumer.poll({ maxWaitMs: 200 })).length
  await consumer.commit()
  await consumer.close()
  await produceMany(s.producer, 'orders', 5)
  const ends = (await s.admin.describeTopics(['orders']))[0]!.partitions.reduce((n, p) => n + Number(p.endOffset), 0)
  const committed = (await s.admin.listGroupOffsets('billing')).reduce((n, o) => n + Number(o.offset), 0)

  await open(t, 'group', '#/groups/billing')
  const lag = page.locator('[data-total-lag]')
  assert.equal(Number(await lag.getAttribute('data-total-lag')), ends - committed)
  await chartDrawn()
  await shot('group')

  // An empty group has no assignor: the page says what that means.
  assert.match((await page.locator('.stat', { hasText: 'Assignor' }).textContent()) ?? '', /none.*members agree on an assignor when they join/)

  // Shift one partition back by one: per partition, negative values.
  const before = (await s.admin.listGroupOffsets('billing')).find((o) => o.partition === 1)!.offset
  await page.getByRole('button', { name: 'Reset offsets' }).click()
  let dialog = page.getByRole('dialog')
  await dialog.getByLabel('Topic').selectOption('orders')
  await dialog.getByLabel('Partition').selectOption('1')
  await dialog.getByLabel('Reset to').selectOption('shift')
  await dialog.getByLabel(/Records/).fill('-1')
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await dialog.getByRole('table').waitFor()
  assert.equal(await dialog.getByRole('table').locator('tbody tr').count(), 1)
  await dialog.getByRole('button', { name: 'Reset offsets' }).click()
  await dialog.waitFor({ state: 'hidden' })
  const shifted = (await s.admin.listGroupOffsets('billing')).find((o) => o.partition === 1)!.offset
  assert.equal(shifted, before > 0n ? before - 1n : 0n)

  await page.getByRole('button', { name: 'Reset offsets' }).click()
  dialog = page.getByRole('dialog')
  await dialog.getByLabel('Reset to').selectOption('earliest')
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await dialog.getByRole('table').waitFor()
  await dialog.getByRole('button', { name: 'Reset offsets' }).click()
  await page.locator(`[data-total-lag="${ends}"]`).waitFor()
  const after = (await s.admin.listGroupOffsets('billing')).reduce((n, o) => n + Number(o.offset), 0)
  assert.equal(after, 0)
  await shot('group-reset')
})

test('narrow window and keyboard: no sideways scrolling, skip link, visible focus', { skip }, async (t) => {
  await page.setViewportSize({ width: 400, height: 800 })
  await open(t, 'topics-narrow', '#/topics')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the window`)
  await shot('topics-narrow')
  await page.setViewportSize({ width: 1280, height: 800 })

  await open(t, 'topics', '#/topics')
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content')
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')
  await page.keyboard.press('Tab')
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement
    return { tag: el.tagName, text: el.textContent, outline: getComputedStyle(el).outlineStyle }
  })
  assert.equal(focused.tag, 'BUTTON')
  assert.notEqual(focused.outline, 'none')
  await page.keyboard.press('Enter')
  await page.getByRole('dialog').waitFor()
  await page.keyboard.press('Escape')
})

test('"Delete topic" is disabled for a topic that is gone', { skip }, async (t) => {
  await open(t, 'topic-gone', '#/topics/no-such-topic')
  await page.locator('button[title="The topic does not exist (any more)."]', { hasText: 'Delete topic' }).waitFor()
  assert.equal(await page.getByRole('button', { name: 'Delete topic' }).isDisabled(), true)
})

test('every request stays on the console server: no CDN, nothing external', { skip }, () => {
  const origin = new URL(s.console.url).origin
  const external = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('about:') && !u.startsWith('data:') && !u.startsWith('blob:'))
  assert.deepEqual(external, [])
  assert.deepEqual(pageErrors, [])
})

test('a cluster that goes down is reported in words', { skip }, async () => {
  await s.broker.close()
  await page.goto('about:blank')
  await page.goto(`${s.console.url}#/`)
  await page
    .getByRole('alert')
    .filter({ hasText: /Cannot reach the cluster/ })
    .first()
    .waitFor()
  await shot('cluster-down')
  // Nothing to delete while the cluster is down.
  await page.goto(`${s.console.url}#/topics/orders`)
  const del = page.getByRole('button', { name: 'Delete topic' })
  await page.locator('button[title="The cluster cannot be reached now."]', { hasText: 'Delete topic' }).waitFor()
  assert.equal(await del.isDisabled(), true)
})
