/** `samsa records delete`: DeleteRecords, as kafka-delete-records.sh. */
import { type CommandSpec, UsageError, intOption } from './command.js'
import { table } from './output.js'

const del: CommandSpec = {
  path: ['records', 'delete'],
  summary: 'Delete the records of a topic before an offset',
  usage: 'TOPIC --offset N|latest [--partition N...]',
  description: [
    'Moves the log start offset of each chosen partition (all by default) up to OFFSET: records below',
    'it are gone for every consumer. `latest` (or -1, as in kafka-delete-records.sh) deletes all that',
    'is there. An offset beyond the end is refused with OFFSET_OUT_OF_RANGE.',
  ].join('\n'),
  connects: true,
  options: {
    offset: { type: 'string', short: 'o', value: 'N', description: 'Delete the records below this offset; latest or -1 for all' },
    partition: { type: 'string', short: 'p', value: 'N', multiple: true, description: 'Only these partitions' },
  },
  examples: ['samsa records delete orders --partition 0 --offset 100', 'samsa records delete orders --offset latest'],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const raw = ctx.values.offset as string | undefined
    if (raw === undefined) throw new UsageError('give --offset N (or latest)', ctx.spec.path)
    const offset = raw === 'latest' || raw === 'end' || raw === '-1' ? -1n : /^\d+$/.test(raw) ? BigInt(raw) : undefined
    if (offset === undefined) throw new UsageError(`--offset must be an offset, latest or -1, got "${raw}"`, ctx.spec.path)
    const admin = await ctx.admin()
    const info = await admin.cluster.topic(topic!)
    const chosen = ((ctx.values.partition as string[] | undefined) ?? []).map((p) => intOption({ partition: p }, 'partition', { min: 0 })!)
    for (const p of chosen)
      if (p >= info.partitions.length) throw new UsageError(`topic ${topic} has partitions 0-${info.partitions.length - 1}, not ${p}`, ctx.spec.path)
    const partitions = chosen.length > 0 ? chosen : info.partitions.map((p) => p.partition)
    const low = await admin.deleteRecords(partitions.map((partition) => ({ topic: topic!, partition, offset })))
    const rows = partitions.map((p) => ({ topic: topic!, partition: p, lowWatermark: low.get(`${topic}:${p}`) ?? null }))
    if (ctx.json) return ctx.printJson({ topic, partitions: rows })
    ctx.print(
      table(
        ['TOPIC', 'PARTITION', 'LOG-START-OFFSET'],
        rows.map((r) => [r.topic, r.partition, r.lowWatermark]),
      ),
    )
  },
}

export const recordCommands: CommandSpec[] = [del]
