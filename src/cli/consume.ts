/** `samsa consume TOPIC`: print records, by partition assignment or as a group member. */
import { Consumer, type ConsumedRecord, type StartPosition } from '../client/consumer.js'
import { type CommandSpec, UsageError, bigintOption, choiceOption, intOption, parseTime } from './command.js'
import { encodeOutput, type DataFormat } from './data-format.js'
import { toJson } from './output.js'

type OutputFormat = 'text' | 'json' | 'hex' | 'base64'

export function formatRecord(r: ConsumedRecord, format: OutputFormat, opts: { printKey: boolean; printHeaders: boolean; separator: string }): string {
  if (format === 'json') {
    return toJson({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      key: r.key === null ? null : r.key.toString('utf8'),
      value: r.value === null ? null : r.value.toString('utf8'),
      headers: Object.fromEntries(r.headers.map((h) => [h.key, h.value === null ? null : h.value.toString('utf8')])),
    })
  }
  const f: DataFormat = format
  let line = encodeOutput(r.value, f)
  if (opts.printKey) line = `${encodeOutput(r.key, f)}${opts.separator}${line}`
  if (opts.printHeaders) {
    const hs = r.headers.map((h) => `${h.key}=${encodeOutput(h.value, f)}`).join(',')
    line = `${hs === '' ? 'NO_HEADERS' : hs}${opts.separator}${line}`
  }
  return line
}

export const consumeCommand: CommandSpec = {
  path: ['consume'],
  summary: 'Print records of a topic',
  usage: 'TOPIC [options]',
  description: 'Without --follow, stops once it has caught up with the end of every partition. Starts at the end by default; with --group, at the committed offsets (or as --from-beginning says when there are none), and commits as it goes and on exit, including Ctrl-C.',
  connects: true,
  options: {
    'from-beginning': { type: 'boolean', description: 'Start at the earliest offset' },
    offset: { type: 'string', short: 'o', value: 'N', description: 'Start at this offset (with --partition, or in every partition)' },
    'from-timestamp': { type: 'string', value: 'TIME', description: 'Start at the first record at or after TIME (ISO or epoch ms)' },
    partition: { type: 'string', short: 'p', value: 'N', multiple: true, description: 'Read only these partitions' },
    group: { type: 'string', short: 'g', value: 'GROUP', description: 'Consume as a member of this consumer group' },
    'max-messages': { type: 'string', short: 'n', value: 'N', description: 'Stop after N records' },
    follow: { type: 'boolean', short: 'f', description: 'Keep waiting for new records' },
    format: { type: 'string', value: 'FMT', description: 'text, json, hex or base64', default: 'text', choices: ['text', 'json', 'hex', 'base64'] },
    'print-key': { type: 'boolean', short: 'K', description: 'Print the key before the value (text, hex, base64)' },
    'print-headers': { type: 'boolean', description: 'Print headers before the value (text, hex, base64)' },
    'key-separator': { type: 'string', value: 'SEP', description: 'Separator after the key and headers', default: 'tab' },
    quiet: { type: 'boolean', short: 'q', description: 'No summary on stderr' },
  },
  examples: [
    'samsa consume orders --from-beginning',
    'samsa consume orders --group billing --follow',
    'samsa consume orders --partition 0 --offset 42 --max-messages 10',
    'samsa consume orders --from-timestamp 2024-05-01T00:00:00Z --format json',
    'samsa consume blobs --from-beginning --format hex | xxd -r -p > blob.bin',
  ],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const format = choiceOption<OutputFormat>(ctx.values, 'format', ['text', 'json', 'hex', 'base64'], ctx.json ? 'json' : 'text')
    const group = ctx.values.group as string | undefined
    const offset = bigintOption(ctx.values, 'offset')
    const fromTs = ctx.values['from-timestamp'] !== undefined ? parseTime(String(ctx.values['from-timestamp']), 'from-timestamp') : undefined
    const fromBeginning = ctx.values['from-beginning'] === true
    const partitions = ((ctx.values.partition as string[] | undefined) ?? []).map((p) => intOption({ partition: p }, 'partition', { min: 0 })!)
    const max = intOption(ctx.values, 'max-messages', { min: 1 })
    const follow = ctx.values.follow === true
    if ([fromBeginning, offset !== undefined, fromTs !== undefined].filter(Boolean).length > 1) {
      throw new UsageError('give only one of --from-beginning, --offset and --from-timestamp', ctx.spec.path)
    }
    if (group !== undefined && (offset !== undefined || fromTs !== undefined || partitions.length > 0)) {
      throw new UsageError('--group reads from committed offsets: --offset, --from-timestamp and --partition need no group (reset a group with `samsa groups reset-offsets`)', ctx.spec.path)
    }
    const sepRaw = (ctx.values['key-separator'] as string | undefined) ?? 'tab'
    const opts = { printKey: ctx.values['print-key'] === true, printHeaders: ctx.values['print-headers'] === true, separator: sepRaw === 'tab' ? '\t' : sepRaw }

    const cluster = (await ctx.admin()).cluster
    const info = await cluster.topic(topic!)
    const consumer = new Consumer(cluster, {
      ...(group !== undefined ? { groupId: group } : {}),
      autoOffsetReset: fromBeginning ? 'earliest' : 'latest',
      maxWaitMs: follow ? 500 : 100,
    })
    let stopping = false
    let interrupted = 0
    const onSignal = (): void => {
      interrupted++
      stopping = true
      if (interrupted > 1) process.exit(130)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    let brokenPipe = false
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') {
        brokenPipe = true
        stopping = true
      }
    })
    ctx.onCleanup(async () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    })

    let count = 0
    try {
      if (group !== undefined) {
        await consumer.subscribe([topic!])
      } else {
        for (const p of partitions) {
          if (p >= info.partitions.length) throw new UsageError(`topic ${topic} has partitions 0-${info.partitions.length - 1}, not ${p}`, ctx.spec.path)
        }
        const start: StartPosition = offset !== undefined ? offset : fromTs !== undefined ? { timestamp: fromTs } : fromBeginning ? 'earliest' : 'latest'
        const chosen = partitions.length > 0 ? partitions : info.partitions.map((p) => p.partition)
        await consumer.assign(chosen.map((partition) => ({ topic: topic!, partition, start })))
      }
      let out = ''
      while (!stopping) {
        const records = await consumer.poll()
        let printedUpTo = records.length
        for (let i = 0; i < records.length; i++) {
          out += formatRecord(records[i]!, format, opts) + '\n'
          count++
          if (max !== undefined && count >= max) {
            printedUpTo = i + 1
            break
          }
        }
        if (printedUpTo < records.length) rewind(consumer, records.slice(printedUpTo))
        if (out !== '') {
          if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r))
          out = ''
        }
        if (max !== undefined && count >= max) break
        if (!follow && consumer.caughtUp()) break
      }
    } finally {
      await consumer.close()
    }
    if (ctx.values.quiet !== true && !brokenPipe) ctx.note(`Consumed ${count} record${count === 1 ? '' : 's'}${interrupted > 0 ? ' (interrupted)' : ''}.`)
  },
}

/** Puts unprinted records back, so a group commits only what was printed. */
function rewind(consumer: Consumer, unprinted: readonly ConsumedRecord[]): void {
  const first = new Map<string, ConsumedRecord>()
  for (const r of unprinted) {
    const k = `${r.topic}:${r.partition}`
    const seen = first.get(k)
    if (seen === undefined || r.offset < seen.offset) first.set(k, r)
  }
  for (const r of first.values()) consumer.seek(r.topic, r.partition, r.offset)
}
