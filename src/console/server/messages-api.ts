/**
 * Messages of a topic: pages of records (see browse.ts), one record in full, and producing a
 * record with key, value, headers and an optional partition. Search and live tail stream over
 * Server-Sent Events (search.ts, tail.ts).
 */
import type { ConsoleContext } from './context.js'
import { badRequest, notFound } from './errors.js'
import { decodeCursor, initialCursor, partitionRanges, readPage, type Order, type Seek } from './browse.js'
import { readPartition } from './partition-reader.js'
import { recordJson } from './record-json.js'
import { bigintParam, intParam, oneOf, timestampParam } from './params.js'
import { Reply, type Router } from './router.js'

/** Values in listings are cut here; the single-message endpoint sends them whole. */
export const LISTING_MAX_BYTES = 16 * 1024

export function parseSeek(q: URLSearchParams): Seek {
  const from = oneOf(q.get('from'), 'from', ['earliest', 'latest', 'offset', 'timestamp'] as const, 'latest')
  if (from === 'offset') return { kind: 'offset', offset: bigintParam(q.get('offset'), 'offset') }
  if (from === 'timestamp') return { kind: 'timestamp', timestamp: timestampParam(q.get('timestamp'), 'timestamp') }
  return { kind: from }
}

export function parsePartition(q: URLSearchParams): number | null {
  const p = q.get('partition')
  return p === null || p === '' || p === 'all' ? null : intParam(p, 'partition', { min: 0 })
}

export function registerMessagesApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/topics/:name/messages', async (req) => {
    const topic = req.params.name!
    const q = req.query
    const seek = parseSeek(q)
    const order: Order = oneOf(q.get('order'), 'order', ['asc', 'desc'] as const, seek.kind === 'earliest' ? 'asc' : 'desc')
    const limit = intParam(q.get('limit'), 'limit', { min: 1, max: 500, fallback: 50 })
    const ranges = await partitionRanges(ctx.cluster, topic, parsePartition(q))
    const cursorParam = q.get('cursor')
    const cursor = cursorParam !== null && cursorParam !== '' ? decodeCursor(cursorParam) : await initialCursor(ctx.cluster, topic, ranges, seek, order)
    const page = await readPage(ctx.cluster, topic, ranges, cursor, order, limit, req.signal)
    return {
      topic,
      order,
      messages: page.records.map((r) => recordJson(r, LISTING_MAX_BYTES)),
      next: page.next,
      partitions: page.partitions,
    }
  })

  router.add('GET', '/api/topics/:name/messages/:partition/:offset', async (req) => {
    const topic = req.params.name!
    const partition = intParam(req.params.partition, 'partition', { min: 0 })
    const offset = bigintParam(req.params.offset, 'offset')
    const { records } = await readPartition(ctx.cluster, { topic, partition, from: offset, to: offset + 1n, max: 1 })
    const r = records[0]
    if (r === undefined || r.offset !== offset) throw notFound(`no record at offset ${offset} of ${topic}-${partition}`)
    return recordJson(r)
  })

  router.add('POST', '/api/topics/:name/messages', async (req) => {
    const topic = req.params.name!
    const body = await req.json()
    const text = (v: unknown, name: string): string | null => {
      if (v === undefined || v === null) return null
      if (typeof v !== 'string') throw badRequest(`${name} must be a string or null`)
      return v
    }
    const headersIn = body.headers ?? []
    if (!Array.isArray(headersIn)) throw badRequest('headers must be a list of { key, value }')
    const headers = headersIn.map((h: unknown, i) => {
      if (h === null || typeof h !== 'object' || typeof (h as { key?: unknown }).key !== 'string' || (h as { key: string }).key === '') {
        throw badRequest(`headers[${i}] needs a non-empty key`)
      }
      return { key: (h as { key: string }).key, value: text((h as { value?: unknown }).value, `headers[${i}].value`) }
    })
    const partition =
      body.partition === undefined || body.partition === null || body.partition === '' ? undefined : intParam(body.partition, 'partition', { min: 0 })
    const meta = await ctx.producer.send({
      topic,
      key: text(body.key, 'key'),
      value: text(body.value, 'value'),
      headers,
      ...(partition === undefined ? {} : { partition }),
    })
    return new Reply(201, { topic: meta.topic, partition: meta.partition, offset: meta.offset, timestamp: meta.timestamp })
  })
}
