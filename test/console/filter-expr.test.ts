// The search filter language (src/console/server/filter-expr.ts): parsed and evaluated without
// eval, over a record's key, value (JSON fields), headers, offset, partition and timestamp.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { compileFilter, parseFilter, type FilterRecord } from '../../src/console/server/filter-expr.js'

const rec = (value: unknown, over: Partial<FilterRecord> = {}): FilterRecord => ({
  key: Buffer.from('order-7'),
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: [
    { key: 'source', value: Buffer.from('web') },
    { key: 'x-id', value: Buffer.from('42') },
    { key: 'empty', value: null },
  ],
  offset: 12n,
  partition: 3,
  timestamp: BigInt(Date.parse('2024-05-01T12:00:00Z')),
  ...over,
})
const yes = (filter: string, r: FilterRecord = rec({ user: { id: 42, name: 'Ada', tags: ['vip', 'new'] }, price: 9.5, ok: true })): boolean =>
  compileFilter(filter).test(r)

test('paths into JSON values, headers and record fields', () => {
  assert.equal(yes('value.user.id == 42'), true)
  assert.equal(yes('value.user.id == "42"'), true, 'a number equals its text')
  assert.equal(yes('value.user.tags[0] == "vip" && value.user.tags contains "new"'), true)
  assert.equal(yes('value.missing.deeper == null'), true)
  assert.equal(yes('headers.source == "web" and headers["x-id"] > 40'), true)
  assert.equal(yes('headers.empty == null && headers.nope == null'), true)
  assert.equal(yes('offset >= 12 && partition == 3 && size > 10'), true)
  assert.equal(yes('key == "order-7" && keyText startsWith "order-" && key endsWith "-7"'), true)
  assert.equal(yes('value.price < 10 && value.price > 9 && -value.price < 0'), true)
  assert.equal(yes('value.ok'), true)
})

test('timestamps compare with dates; text with contains and matches; functions', () => {
  assert.equal(yes('timestamp > "2024-05-01T11:59:59Z" && timestamp < "2024-05-02"'), true)
  assert.equal(yes('timestamp == 1714564800000'), true)
  assert.equal(yes('valueText contains "\\"name\\":\\"Ada\\""'), true)
  assert.equal(yes('value.user.name matches /^a/i'), true)
  assert.equal(yes('value.user.name ~ "^Ad"'), true)
  assert.equal(yes('lower(value.user.name) == "ada" && upper(key) == "ORDER-7" && len(value.user.tags) == 2'), true)
  assert.equal(yes('number(headers["x-id"]) + 0 == 42'.replace(' + 0', '')), true)
  assert.equal(yes('text(value.user.id) == "42"'), true)
  assert.equal(yes('value contains "user"'), true, 'an object contains its keys')
})

test('not JSON: value is the text; null values; boolean logic and precedence', () => {
  assert.equal(yes('value == "plain text" && value contains "text"', rec('plain text')), true)
  assert.equal(yes('value == null && valueText == null', rec(null)), true)
  assert.equal(yes('value.a == 1 || value.a == 2 && value.b == 3', rec({ a: 1, b: 0 })), true, '&& binds tighter than ||')
  assert.equal(yes('(value.a == 1 || value.a == 2) && value.b == 3', rec({ a: 1, b: 0 })), false)
  assert.equal(yes('!(value.a == 1) or not value.a', rec({ a: 2 })), true)
  assert.equal(yes('value.a < "x"', rec({ a: 'w' })), true, 'text compares as text')
  assert.equal(yes('value.a < 3', rec({ a: 'not a number' })), false, 'what cannot compare is false')
})

test('errors name what is wrong and where', () => {
  const bad = (src: string, message: RegExp): void => assert.throws(() => parseFilter(src), message, src)
  bad('', /empty/)
  bad('value.a ==', /ends too early/)
  bad('value.a = 1', /unexpected "=" at 9/)
  bad('needle', /unknown name "needle" at 1: use key, value.*valueText contains "needle"/)
  bad('value.a == 1 value.b == 2', /join conditions with && or \|\|/)
  bad('exec(1)', /unknown function exec\(\)/)
  bad('"open', /not closed/)
  bad('key matches /(/', /not a valid regular expression/)
  bad('x'.repeat(3000), /at most 2000 characters/)
  bad('value.' + Array.from({ length: 600 }, () => 'a').join('.'), /too long/)
  bad('('.repeat(100) + 'value' + ')'.repeat(100), /nests too deep/)
  bad('!'.repeat(100) + 'value', /nests too deep/)
  assert.equal(parseFilter('value ~ /a/').usesRegex, true)
  assert.equal(parseFilter('value == 1').usesRegex, false)
})
