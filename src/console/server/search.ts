/**
 * Searching a whole topic (or one partition) over Server-Sent Events. One consumer reads every
 * chosen partition at once, from its start offset (or a seek position) up to the end it had
 * when the search began, in large fetches (all partitions of a leader in one Fetch, up to
 * FETCH_BYTES); each batch of records is matched (a substring or a filter here, anything that
 * can backtrack in a worker), and the matches of a batch go out as one `matches` event. It
 * yields to the event loop between fetches, reports progress as it goes, and stops at `limit`
 * matches or when the browser disconnects.
 *
 * Modes: `substring` and `regex` over the key, value and/or headers; `filter`, an expression
 * over key, value (JSON fields), headers, offset, partition and timestamp (filter-expr.ts).
 *
 * Events: `start` {total, partitions}, `matches` (a list of records), `progress` {scanned, total,
 * matches}, `done` {scanned, total, matches, truncated, elapsedMs}, `error` {message}.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { Consumer, type ConsumedRecord } from '../../client/index.js'
import type { ConsoleContext } from './context.js'
import { badRequest, toHttpError } from './errors.js'
import { initialCursor, partitionRanges, type PartitionRange } from './browse.js'
import { FilterSyntaxError } from './filter-expr.js'
import { compileMatcher, needsWorker, type MatchInput, type MatchSpec } from './match.js'
import { LISTING_MAX_BYTES, parsePartition, parseSeek } from './messages-api.js'
import { recordJson } from './record-json.js'
import { RegexMatcher } from './regex-matcher.js'
import { boolParam, intParam, oneOf } from './params.js'
import { EventStream } from './sse.js'
import { STREAMED, type ApiRequest, type Router } from './router.js'

/** Bytes asked for per partition and per fetch: large reads, few round trips. */
const PARTITION_FETCH_BYTES = 4 * 1024 * 1024
const FETCH_BYTES = 32 * 1024 * 1024
const PROGRESS_EVERY_MS = 100
/** Records per message to the worker: its time limit applies to each such chunk. */
const WORKER_CHUNK = 2000

function parseMatchSpec(q: URLSearchParams): MatchSpec {
  const query = q.get('q') ?? ''
  const mode = oneOf(q.get('mode'), 'mode', ['substring', 'regex', 'filter'] as const, 'substring')
  if (query.trim() === '') throw badRequest(mode === 'filter' ? 'q (the filter) is required' : 'q (what to search for) is required')
  const fields = (q.get('fields') ?? 'key,value,headers').split(',').map((f) => f.trim())
  const spec: MatchSpec = {
    query,
    mode,
    caseSensitive: boolParam(q.get('caseSensitive')),
    fields: { key: fields.includes('key'), value: fields.includes('value'), headers: fields.includes('headers') },
  }
  if (mode !== 'filter' && !spec.fields.key && !spec.fields.value && !spec.fields.headers) throw badRequest('fields must name key, value and/or headers')
  return spec
}

type Matcher = RegexMatcher | ((r: MatchInput) => boolean)

function matcherFor(spec: MatchSpec): Matcher {
  try {
    return needsWorker(spec) ? new RegexMatcher(spec) : compileMatcher(spec)
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw badRequest(`not a valid filter: ${err.message}`)
    if (err instanceof SyntaxError) throw badRequest(`not a valid regular expression: ${err.message}`)
    throw err
  }
}

/** The indexes of the batch's matches, found by the worker a chunk at a time. */
async function workerMatches(matcher: RegexMatcher, batch: readonly ConsumedRecord[]): Promise<number[]> {
  const out: number[] = []
  for (let from = 0; from < batch.length; from += WORKER_CHUNK) {
    for (const i of await matcher.match(batch.slice(from, from + WORKER_CHUNK))) out.push(from + i)
  }
  return out
}

export function registerSearchApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/topics/:name/search', async (req) => {
    const topic = req.params.name!
    const spec = parseMatchSpec(req.query)
    const limit = intParam(req.query.get('limit'), 'limit', { min: 1, max: 10_000, fallback: 500 })
    const partition = parsePartition(req.query)
    const seek = parseSeek(new URLSearchParams({ from: 'earliest', ...Object.fromEntries(req.query) }))
    // Validate before the stream starts, so a bad pattern or filter is a plain 400.
    const matcher = matcherFor(spec)
    const ranges = await partitionRanges(ctx.cluster, topic, partition).catch(async (err: unknown) => {
      if (matcher instanceof RegexMatcher) await matcher.close()
      throw err
    })
    await runSearch(req, ctx, topic, ranges, seek, limit, matcher)
    return STREAMED
  })
}

async function runSearch(
  req: ApiRequest,
  ctx: ConsoleContext,
  topic: string,
  ranges: PartitionRange[],
  seek: ReturnType<typeof parseSeek>,
  limit: number,
  matcher: Matcher,
): Promise<void> {
  const started = Date.now()
  const stream = new EventStream(req.res)
  const cluster = ctx.openCluster()
  const consumer = new Consumer(cluster, { partitionMaxBytes: PARTITION_FETCH_BYTES, maxBytes: FETCH_BYTES, minBytes: 1, maxWaitMs: 0 })
  let scanned = 0
  let matches = 0
  let truncated = false
  let next: Promise<ConsumedRecord[]> | undefined
  const ends = new Map(ranges.map((r) => [r.partition, r.end]))
  try {
    const starts = await initialCursor(ctx.cluster, topic, ranges, seek, 'asc')
    const total = ranges.reduce((s, r) => s + Number(r.end - (starts.get(r.partition) ?? r.start)), 0)
    await stream.send('start', { total, partitions: ranges })
    // Per partition: the next offset to read and the end (exclusive) fixed when the search began.
    const todo = new Map<number, { pos: bigint; end: bigint; stalls: number }>()
    for (const r of ranges) {
      const pos = starts.get(r.partition) ?? r.start
      if (pos < r.end) todo.set(r.partition, { pos, end: r.end, stalls: 0 })
    }
    const assign = (): Promise<void> => consumer.assign([...todo].map(([partition, p]) => ({ topic, partition, start: p.pos })))
    await assign()
    let lastProgress = 0
    // The next fetch is on its way while this one's records are matched.
    next = consumer.poll({ maxWaitMs: 0 })
    while (next !== undefined && !stream.closed && !truncated) {
      const got = await next
      const positions = consumer.positions()
      next = undefined
      // Advance: a partition is done at its end, or when it stops moving (records gone to retention).
      let finished = false
      for (const pos of positions) {
        const p = todo.get(pos.partition)
        if (p === undefined) continue
        const now = pos.offset < p.end ? pos.offset : p.end
        scanned += Number(now - p.pos)
        p.stalls = now === p.pos ? p.stalls + 1 : 0
        p.pos = now
        if (now >= p.end || p.stalls >= 3) {
          todo.delete(pos.partition)
          finished = true
        }
      }
      if (finished && todo.size > 0) await assign()
      if (todo.size > 0) next = consumer.poll({ maxWaitMs: 0 })
      const batch: ConsumedRecord[] = []
      for (const rec of got) if (rec.offset < (ends.get(rec.partition) ?? 0n)) batch.push(rec)
      const hits = matcher instanceof RegexMatcher ? await workerMatches(matcher, batch) : batch.flatMap((rec, i) => (matcher(rec) ? [i] : []))
      const found = []
      for (const i of hits) {
        if (matches === limit) {
          truncated = true
          break
        }
        matches++
        found.push(recordJson(batch[i]!, LISTING_MAX_BYTES))
      }
      if (found.length > 0) await stream.send('matches', found)
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now()
        await stream.send('progress', { scanned, total, matches })
      }
      await yieldToLoop()
    }
    await stream.send('progress', { scanned, total, matches })
    await stream.send('done', { scanned, total, matches, truncated, elapsedMs: Date.now() - started })
  } catch (err) {
    await stream.send('error', toHttpError(err, ctx.bootstrap).body.error)
  } finally {
    stream.close()
    if (matcher instanceof RegexMatcher) await matcher.close()
    await next?.catch(() => {})
    await consumer.close().catch(() => {})
    await ctx.release(cluster)
  }
}
