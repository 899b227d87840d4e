/**
 * Transactions: every transactional id with its state, producer, timeout, start and open
 * partitions; the partitions whose last stable offset trails their high watermark (open
 * transactions hold read_committed consumers there); hanging transactions (open on a partition
 * for longer than transaction.max.timeout.ms with no coordinator that will end them), and their
 * abort.
 */
import { abortTransaction, describeTransaction, findHangingTransactions, listTransactions, partitionStability } from '../../client/admin-transactions.js'
import { attempt } from './cluster-api.js'
import type { ConsoleContext } from './context.js'
import { bigintParam, mapLimit } from './params.js'
import type { Router } from './router.js'

const DEFAULT_MAX_TIMEOUT_MS = 900_000

async function allPartitions(ctx: ConsoleContext): Promise<Array<{ topic: string; partition: number }>> {
  const topics = await ctx.admin.describeTopics(undefined, { internal: false })
  return topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition })))
}

export function registerTransactionsApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/transactions', async () => {
    const listed = await listTransactions(ctx.cluster)
    const described = await mapLimit(listed, 4, (t) => attempt(describeTransaction(ctx.cluster, t.transactionalId)))
    const now = Date.now()
    return {
      transactions: listed.map((t, i) => {
        const d = described[i]!.value
        return {
          transactionalId: t.transactionalId,
          coordinator: t.coordinator,
          state: d?.state ?? t.state,
          producerId: t.producerId,
          producerEpoch: d?.producerEpoch ?? null,
          timeoutMs: d?.timeoutMs ?? null,
          openMs: d !== undefined && d.startTimeMs >= 0n && d.state === 'Ongoing' ? now - Number(d.startTimeMs) : null,
          partitions: d?.partitions ?? [],
          error: described[i]!.error ?? null,
        }
      }),
    }
  })

  router.add('GET', '/api/transactions/partitions', async (req) => {
    const maxTimeoutMs = Number(req.query.get('maxTimeoutMs') ?? DEFAULT_MAX_TIMEOUT_MS)
    const parts = await allPartitions(ctx)
    const [stability, hanging] = await Promise.all([
      partitionStability(ctx.cluster, parts),
      findHangingTransactions(ctx.cluster, parts, Number.isFinite(maxTimeoutMs) && maxTimeoutMs > 0 ? maxTimeoutMs : DEFAULT_MAX_TIMEOUT_MS),
    ])
    return {
      unstable: stability.filter((s) => s.lastStableOffset < s.highWatermark),
      hanging: hanging.map((h) => ({
        topic: h.topic,
        partition: h.partition,
        producerId: h.producerId,
        producerEpoch: h.producerEpoch,
        startOffset: h.currentTxnStartOffset,
        openMs: h.openMs,
        transactionalId: h.transactionalId,
      })),
    }
  })

  router.add('POST', '/api/transactions/abort', async (req) => {
    const body = await req.json()
    const topic = String(body.topic ?? '')
    const partition = Number(body.partition)
    const startOffset = bigintParam(body.startOffset, 'startOffset')
    const p = await abortTransaction(ctx.cluster, topic, partition, startOffset)
    return { aborted: { topic, partition, startOffset, producerId: p.producerId } }
  })
}
