/**
 * `samsa transactions list|describe|producers|lso|find-hanging|abort`: Kafka's
 * kafka-transactions.sh (KIP-664), plus each partition's last stable offset.
 */
import { type CommandSpec, UsageError, bigintOption, intOption } from './command.js'
import { table } from './output.js'

const txns = (): Promise<typeof import('../client/admin-transactions.js')> => import('../client/admin-transactions.js')

const ago = (ms: bigint | number): string => {
  const s = Math.round(Number(ms) / 1000)
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`
}

/** The partitions of the topics named (all topics, internal ones left out, when none). */
async function partitionsOf(
  ctx: Parameters<CommandSpec['run']>[0],
  topics: string[] | undefined,
  partition?: number,
): Promise<Array<{ topic: string; partition: number }>> {
  const admin = await ctx.admin()
  const described = await admin.describeTopics(topics === undefined || topics.length === 0 ? undefined : topics)
  return described.flatMap((t) =>
    t.partitions.filter((p) => partition === undefined || p.partition === partition).map((p) => ({ topic: t.name, partition: p.partition })),
  )
}

const list: CommandSpec = {
  path: ['transactions', 'list'],
  summary: 'List transactional ids and the state of their transactions',
  usage: '[options]',
  connects: true,
  options: {
    state: { type: 'string', value: 'STATE', multiple: true, description: 'Only these states (Ongoing, PrepareCommit, CompleteAbort, ...)' },
    'producer-id': { type: 'string', value: 'ID', multiple: true, description: 'Only these producer ids' },
    'duration-ms': { type: 'string', value: 'MS', description: 'Only transactions running longer than this' },
  },
  examples: ['samsa transactions list --state Ongoing --duration-ms 60000'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const producerIds = ((ctx.values['producer-id'] as string[] | undefined) ?? []).map((s) => {
      if (!/^\d+$/.test(s)) throw new UsageError(`--producer-id must be a whole number, got "${s}"`, ['transactions', 'list'])
      return BigInt(s)
    })
    const duration = bigintOption(ctx.values, 'duration-ms')
    const listed = await (await txns()).listTransactions((await ctx.admin()).cluster, {
      states: (ctx.values.state as string[] | undefined) ?? [],
      producerIds,
      durationMs: duration ?? -1n,
    })
    if (ctx.json) return ctx.printJson(listed)
    if (listed.length === 0) return ctx.note('No transactional ids.')
    ctx.print(
      table(
        ['TRANSACTIONAL-ID', 'COORDINATOR', 'PRODUCER-ID', 'STATE'],
        listed.map((t) => [t.transactionalId, t.coordinator, t.producerId, t.state]),
      ),
    )
  },
}

const describe: CommandSpec = {
  path: ['transactions', 'describe'],
  summary: "Show a transactional id's producer, state, timeout and open partitions",
  usage: 'TRANSACTIONAL-ID [options]',
  connects: true,
  options: {},
  examples: ['samsa transactions describe payments-1'],
  async run(ctx) {
    const [id] = ctx.args(['TRANSACTIONAL-ID'])
    const d = await (await txns()).describeTransaction((await ctx.admin()).cluster, id!)
    if (ctx.json) return ctx.printJson(d)
    const open = d.startTimeMs >= 0n ? ` (open for ${ago(BigInt(Date.now()) - d.startTimeMs)})` : ''
    ctx.print(
      `Transactional id: ${d.transactionalId}  Producer: ${d.producerId} epoch ${d.producerEpoch}  State: ${d.state}${open}  Timeout: ${d.timeoutMs} ms`,
    )
    if (d.partitions.length > 0) {
      ctx.print('')
      ctx.print(
        table(
          ['TOPIC', 'PARTITION'],
          d.partitions.map((p) => [p.topic, p.partition]),
        ),
      )
    }
  },
}

const producers: CommandSpec = {
  path: ['transactions', 'producers'],
  summary: 'Show the producers a partition knows, with their open transactions',
  usage: 'TOPIC [--partition N] [options]',
  connects: true,
  options: { partition: { type: 'string', short: 'p', value: 'N', description: 'Only this partition' } },
  examples: ['samsa transactions producers payments --partition 0'],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const parts = await partitionsOf(ctx, [topic!], intOption(ctx.values, 'partition', { min: 0 }))
    const states = await (await txns()).describeProducers((await ctx.admin()).cluster, parts)
    if (ctx.json) return ctx.printJson(states)
    if (states.length === 0) return ctx.note('No producers.')
    ctx.print(
      table(
        ['TOPIC', 'PARTITION', 'PRODUCER-ID', 'EPOCH', 'LAST-SEQUENCE', 'LAST-WRITE', 'COORDINATOR-EPOCH', 'OPEN-TXN-START'],
        states.map((s) => [
          s.topic,
          s.partition,
          s.producerId,
          s.producerEpoch,
          s.lastSequence,
          s.lastTimestamp >= 0n ? `${ago(BigInt(Date.now()) - s.lastTimestamp)} ago` : '-',
          s.coordinatorEpoch,
          s.currentTxnStartOffset >= 0n ? s.currentTxnStartOffset : '-',
        ]),
      ),
    )
  },
}

const lso: CommandSpec = {
  path: ['transactions', 'lso'],
  summary: "Show each partition's last stable offset (what read_committed consumers can read up to)",
  usage: '[TOPIC...] [options]',
  connects: true,
  options: {},
  examples: ['samsa transactions lso payments'],
  async run(ctx) {
    const topics = ctx.args([], { max: Infinity })
    const parts = await partitionsOf(ctx, topics)
    const rows = await (await txns()).partitionStability((await ctx.admin()).cluster, parts)
    if (ctx.json) return ctx.printJson(rows)
    if (rows.length === 0) return ctx.note('No partitions.')
    ctx.print(
      table(
        ['TOPIC', 'PARTITION', 'HIGH-WATERMARK', 'LAST-STABLE-OFFSET', 'UNSTABLE'],
        rows.map((r) => [r.topic, r.partition, r.highWatermark, r.lastStableOffset, r.highWatermark - r.lastStableOffset]),
      ),
    )
  },
}

const findHanging: CommandSpec = {
  path: ['transactions', 'find-hanging'],
  summary: 'Find transactions left open on partitions that no coordinator will end',
  usage: '[--topic TOPIC...] [options]',
  description:
    "A transaction is hanging when a partition has had it open for longer than the brokers' transaction.max.timeout.ms and its producer has no open transaction at any coordinator. It holds back the last stable offset until it is aborted (samsa transactions abort).",
  connects: true,
  options: {
    topic: { type: 'string', short: 't', value: 'TOPIC', multiple: true, description: 'Only these topics (default: all)' },
    'max-transaction-timeout': { type: 'string', value: 'MS', description: "The brokers' transaction.max.timeout.ms", default: '900000' },
  },
  examples: ['samsa transactions find-hanging --topic payments --max-transaction-timeout 60000'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const parts = await partitionsOf(ctx, ctx.values.topic as string[] | undefined)
    const maxTimeout = intOption(ctx.values, 'max-transaction-timeout', { min: 1 }) ?? 900000
    const hanging = await (await txns()).findHangingTransactions((await ctx.admin()).cluster, parts, maxTimeout)
    if (ctx.json) return ctx.printJson(hanging)
    if (hanging.length === 0) return ctx.note('No hanging transactions.')
    ctx.print(
      table(
        ['TOPIC', 'PARTITION', 'PRODUCER-ID', 'EPOCH', 'START-OFFSET', 'OPEN-FOR', 'TRANSACTIONAL-ID'],
        hanging.map((h) => [h.topic, h.partition, h.producerId, h.producerEpoch, h.currentTxnStartOffset, ago(h.openMs), h.transactionalId ?? '-']),
      ),
    )
    ctx.note(`Abort one with: samsa transactions abort --topic TOPIC --partition N --start-offset OFFSET`)
  },
}

const abort: CommandSpec = {
  path: ['transactions', 'abort'],
  summary: 'Abort a transaction left open on a partition (a hanging one)',
  usage: '--topic TOPIC --partition N --start-offset OFFSET [options]',
  description:
    'Writes an abort marker for the producer whose transaction starts at OFFSET, as kafka-transactions.sh abort does: its records become invisible to read_committed consumers and the last stable offset moves on.',
  connects: true,
  options: {
    topic: { type: 'string', short: 't', value: 'TOPIC', description: "The partition's topic" },
    partition: { type: 'string', short: 'p', value: 'N', description: 'The partition' },
    'start-offset': { type: 'string', value: 'OFFSET', description: 'The first offset of the open transaction (see find-hanging)' },
  },
  examples: ['samsa transactions abort --topic payments --partition 0 --start-offset 0'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const topic = ctx.values.topic as string | undefined
    const partition = intOption(ctx.values, 'partition', { min: 0 })
    const start = bigintOption(ctx.values, 'start-offset')
    if (topic === undefined || partition === undefined || start === undefined)
      throw new UsageError('--topic, --partition and --start-offset are required', ['transactions', 'abort'])
    const p = await (await txns()).abortTransaction((await ctx.admin()).cluster, topic, partition, start)
    if (ctx.json) return ctx.printJson({ topic, partition, startOffset: start, producerId: p.producerId, producerEpoch: p.producerEpoch })
    ctx.print(`Aborted the transaction of producer ${p.producerId} (epoch ${p.producerEpoch}) open on ${topic}-${partition} since offset ${start}.`)
  },
}

export const transactionCommands: readonly CommandSpec[] = [list, describe, producers, lso, findHanging, abort]
