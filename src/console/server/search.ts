/**
 * Searching a whole topic (or one partition) over Server-Sent Events. The scan reads each
 * partition from its start offset (or a seek position) to its end in bounded chunks (at most
 * 1000 records or 256 KiB), matches each chunk (substrings here, regular expressions in a
 * worker), and yields to the event loop between chunks; it reports progress as it goes and
 * stops at `limit` matches or when the browser disconnects.
 *
 * Events: `start` {total, partitions}, `match` (a record), `progress` {scanned, total,
 * matches}, `done` {scanned, total, matches, truncated, elapsedMs}, `error` {message}.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { ConsumedRecord } from '../../client/index.js'
import type { ConsoleContext } from './context.js'
import { badRequest, toHttpError } from './errors.js'
import { initialCursor, partitionRanges } from './browse.js'
import { compileMatcher, type MatchSpec } from './match.js'
import { LISTING_MAX_BYTES, parsePartition, parseSeek } from './messages-api.js'
import { readPartition } from './partition-reader.js'
import { recordJson } from './record-json.js'
import { RegexMatcher } from './regex-matcher.js'
import { boolParam, intParam, oneOf } from './params.js'
import { EventStream } from './sse.js'
import { STREAMED, type ApiRequest, type Router } from './router.js'

const CHUNK_RECORDS = 1000
const CHUNK_BYTES = 256 * 1024
const PROGRESS_EVERY_MS = 100

export function parseMatchSpec(q: URLSearchParams): MatchSpec {
  const query = q.get('q') ?? ''
  if (query === '') throw badRequest('q (what to search for) is required')
  const fields = (q.get('fields') ?? 'key,value,headers').split(',').map((f) => f.trim())
  const spec: MatchSpec = {
    query,
    mode: oneOf(q.get('mode'), 'mode', ['substring', 'regex'] as const, 'substring'),
    caseSensitive: boolParam(q.get('caseSensitive')),
    fields: { key: fields.includes('key'), value: fields.includes('value'), headers: fields.includes('headers') },
  }
  if (!spec.fields.key && !spec.fields.value && !spec.fields.headers) throw badRequest('fields must name key, value and/or headers')
  return spec
}

export function registerSearchApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/topics/:name/search', async (req) => {
    const topic = req.params.name!
    const spec = parseMatchSpec(req.query)
    const limit = intParam(req.query.get('limit'), 'limit', { min: 1, max: 10_000, fallback: 500 })
    const partition = parsePartition(req.query)
    const seek = parseSeek(new URLSearchParams({ from: 'earliest', ...Object.fromEntries(req.query) }))
    // Validate before the stream starts, so a bad pattern is a plain 400.
    const matcher = spec.mode === 'regex' ? new RegexMatcher(spec) : compileMatcher(spec)
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
  ranges: Awaited<ReturnType<typeof partitionRanges>>,
  seek: ReturnType<typeof parseSeek>,
  limit: number,
  matcher: RegexMatcher | ((r: ConsumedRecord) => boolean),
): Promise<void> {
  const started = Date.now()
  const stream = new EventStream(req.res)
  const cluster = ctx.openCluster()
  let scanned = 0
  let matches = 0
  let truncated = false
  try {
    const starts = await initialCursor(ctx.cluster, topic, ranges, seek, 'asc')
    const total = ranges.reduce((s, r) => s + Number(r.end - (starts.get(r.partition) ?? r.start)), 0)
    await stream.send('start', { total, partitions: ranges })
    let lastProgress = 0
    for (const r of ranges) {
      let pos = starts.get(r.partition) ?? r.start
      while (pos < r.end && !stream.closed) {
        const { records, next } = await readPartition(cluster, { topic, partition: r.partition, from: pos, to: r.end, max: CHUNK_RECORDS, chunkBytes: CHUNK_BYTES, signal: req.signal })
        const hits = matcher instanceof RegexMatcher ? await matcher.match(records) : records.flatMap((rec, i) => (matcher(rec) ? [i] : []))
        for (const i of hits) {
          if (matches === limit) {
            truncated = true
            break
          }
          matches++
          await stream.send('match', recordJson(records[i]!, LISTING_MAX_BYTES))
        }
        scanned += Number((next > pos ? next : r.end) - pos)
        if (truncated || next <= pos) break
        pos = next
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now()
          await stream.send('progress', { scanned, total, matches })
        }
        await yieldToLoop()
      }
      if (truncated || stream.closed) break
    }
    await stream.send('progress', { scanned, total, matches })
    await stream.send('done', { scanned, total, matches, truncated, elapsedMs: Date.now() - started })
  } catch (err) {
    await stream.send('error', toHttpError(err, ctx.bootstrap).body.error)
  } finally {
    stream.close()
    if (matcher instanceof RegexMatcher) await matcher.close()
    await ctx.release(cluster)
  }
}
