/**
 * Live tail over Server-Sent Events: a Consumer (assign mode, on its own connections) starts at
 * the end of the chosen partitions and long-polls; each new record is sent as a `message`
 * event. A busy topic is thinned rather than buffered: at most `max` records per poll are sent,
 * and a `skipped` event says how many were left out.
 */
import { Consumer } from '../../client/index.js'
import type { ConsoleContext } from './context.js'
import { toHttpError } from './errors.js'
import { partitionRanges } from './browse.js'
import { LISTING_MAX_BYTES, parsePartition } from './messages-api.js'
import { recordJson } from './record-json.js'
import { EventStream } from './sse.js'
import { STREAMED, type Router } from './router.js'

const MAX_PER_POLL = 100

export function registerTailApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/topics/:name/tail', async (req) => {
    const topic = req.params.name!
    const ranges = await partitionRanges(ctx.cluster, topic, parsePartition(req.query))
    const stream = new EventStream(req.res)
    const cluster = ctx.openCluster()
    const consumer = new Consumer(cluster, { maxWaitMs: 1000 })
    try {
      await consumer.assign(ranges.map((r) => ({ topic, partition: r.partition, start: r.end })))
      await stream.send('ready', { partitions: ranges })
      while (!stream.closed) {
        const records = await consumer.poll({ maxWaitMs: 1000 })
        if (stream.closed) break
        const shown = records.length > MAX_PER_POLL ? records.slice(-MAX_PER_POLL) : records
        if (shown.length < records.length) await stream.send('skipped', { count: records.length - shown.length })
        for (const r of shown) await stream.send('message', recordJson(r, LISTING_MAX_BYTES))
      }
    } catch (err) {
      await stream.send('error', toHttpError(err, ctx.bootstrap).body.error)
    } finally {
      stream.close()
      await consumer.close().catch(() => {})
      await ctx.release(cluster)
    }
    return STREAMED
  })
}
