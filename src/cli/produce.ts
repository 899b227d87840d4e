/**
 * `samsa produce TOPIC`: one record per input line, as kafka-console-producer.sh. A topic that
 * does not exist is created by the broker when it is configured to (auto.create.topics.enable,
 * as Kafka's producer asks for it); a line that cannot be read stops the input unless
 * --ignore-error; the summary always says what was written.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { RecordMetadata } from '../client/producer.js'
import { type CommandSpec, UsageError, choiceOption, intOption, keyValues } from './command.js'
import { decodeInput, type DataFormat } from './data-format.js'
import { toJson } from './output.js'

export function parseAcks(raw: string | boolean | string[] | undefined): 0 | 1 | -1 {
  if (raw === undefined) return -1
  const s = String(raw).toLowerCase()
  if (s === 'all' || s === '-1') return -1
  if (s === '0' || s === '1') return Number(s) as 0 | 1
  throw new UsageError(`--acks must be 0, 1, all or -1, got "${s}"`)
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export interface LineParser {
  format: DataFormat
  separator: string | undefined
  nullMarker: string | undefined
  ignoreError: boolean
}

/** One input line as key and value; throws a UsageError naming the line when it cannot be read. */
function parseLine(raw: string, lineNo: number, p: LineParser): { key: Buffer | null; value: Buffer | null } {
  const line = p.format === 'text' ? raw : raw.trim()
  let keyText: string | null = null
  let valueText = line
  if (p.separator !== undefined) {
    const at = line.indexOf(p.separator)
    if (at >= 0) {
      keyText = line.slice(0, at)
      valueText = line.slice(at + p.separator.length)
    } else if (!p.ignoreError) {
      // Kafka's LineMessageReader: an error, or with ignore.error the whole line as a value without a key.
      throw new UsageError(`line ${lineNo} has no key separator "${p.separator}" (--ignore-error sends such lines without a key)`)
    }
  }
  const decode = (s: string | null, what: string): Buffer | null => (s === null || s === p.nullMarker ? null : decodeInput(s, p.format, what))
  return { key: decode(keyText, `the key on line ${lineNo}`), value: decode(valueText, `line ${lineNo}`) }
}

export const produceCommand: CommandSpec = {
  path: ['produce'],
  summary: 'Send records from stdin or a file, one per line',
  usage: 'TOPIC [options]',
  description: [
    'Each input line becomes one record. With --key-separator the text before the first separator is',
    'the key. For binary data use --input-format hex or base64 (key and value are each encoded).',
    "--null-marker makes a key or value equal to it null (Kafka's null.marker): a null value is a",
    'tombstone. A missing topic is created if the broker auto-creates topics (auto.create.topics.enable).',
  ].join('\n'),
  connects: true,
  options: {
    file: { type: 'string', short: 'f', value: 'PATH', description: 'Read lines from a file instead of stdin' },
    'key-separator': { type: 'string', short: 'k', value: 'SEP', description: 'Split each line into key and value at the first SEP' },
    'null-marker': { type: 'string', value: 'STR', description: 'A key or value equal to STR is sent as null (a null value is a tombstone)' },
    'ignore-error': { type: 'boolean', description: 'Send a line without the key separator with a null key, skip lines that do not decode, and go on' },
    header: { type: 'string', short: 'H', value: 'k=v', multiple: true, description: 'A header added to every record' },
    partition: { type: 'string', short: 'p', value: 'N', description: 'Send every record to this partition' },
    acks: { type: 'string', value: '0|1|all', description: 'Acknowledgements to wait for', default: 'all', choices: ['0', '1', 'all'] },
    compression: {
      type: 'string',
      value: 'TYPE',
      description: 'none, gzip, snappy, lz4 or zstd',
      default: 'none',
      choices: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
    },
    rate: { type: 'string', value: 'N', description: 'At most N records per second' },
    'print-offsets': { type: 'boolean', description: 'Print partition and offset of each record, in input order' },
    'input-format': { type: 'string', value: 'FMT', description: 'text, hex or base64', default: 'text', choices: ['text', 'hex', 'base64'] },
    'linger-ms': { type: 'string', value: 'MS', description: 'Wait this long to fill batches', default: '0' },
    'batch-size': { type: 'string', value: 'BYTES', description: 'Batch size per partition', default: '16384' },
    'max-request-size': { type: 'string', value: 'BYTES', description: "Largest record to send (Kafka's max.request.size)", default: '1048576' },
  },
  examples: [
    'echo hello | samsa produce orders',
    'printf "user1:clicked\\nuser2:paid\\n" | samsa produce events --key-separator : --print-offsets',
    'printf "user1:NULL\\n" | samsa produce events -k : --null-marker NULL',
    'samsa produce orders --file orders.txt --compression gzip --acks 1',
    'xxd -p -c 1000 blob.bin | samsa produce blobs --input-format hex',
    'seq 100 | samsa produce numbers --rate 50 --header source=seq',
  ],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const format = choiceOption<DataFormat>(ctx.values, 'input-format', ['text', 'hex', 'base64'], 'text')
    const sep = ctx.values['key-separator'] as string | undefined
    if (sep === '') throw new UsageError('--key-separator must not be empty', ctx.spec.path)
    const parser: LineParser = {
      format,
      separator: sep,
      nullMarker: ctx.values['null-marker'] as string | undefined,
      ignoreError: ctx.values['ignore-error'] === true,
    }
    const headers = keyValues(ctx.values, 'header').map(([key, value]) => ({ key, value: Buffer.from(value) }))
    const partition = intOption(ctx.values, 'partition', { min: 0 })
    const rate = intOption(ctx.values, 'rate', { min: 1 })
    const acks = parseAcks(ctx.values.acks)
    const [{ parseCompression }, { Producer }, { KafkaResponseError }] = await Promise.all([
      import('../client/compression.js'),
      import('../client/producer.js'),
      import('../client/errors.js'),
    ])
    let compression
    try {
      compression = parseCompression(String(ctx.values.compression ?? 'none'))
    } catch (err) {
      throw new UsageError((err as Error).message, ctx.spec.path)
    }
    const printOffsets = ctx.values['print-offsets'] === true
    const signal = ctx.interruptible()
    const cluster = (await ctx.admin()).cluster
    const producer = new Producer(cluster, {
      acks,
      compression,
      lingerMs: intOption(ctx.values, 'linger-ms', { min: 0 }) ?? 0,
      batchSize: intOption(ctx.values, 'batch-size', { min: 1 }) ?? 16_384,
      maxRequestSize: intOption(ctx.values, 'max-request-size', { min: 1 }) ?? 1_048_576,
    })
    const existed = (await cluster.refreshMetadata([topic!])).get(topic!)?.errorCode !== 3
    const count = await producer.partitionCount(topic!).catch((err: unknown) => {
      if (!existed) ctx.note(`samsa: the broker did not create topic ${topic} (its auto.create.topics.enable is false)`)
      throw err
    })
    if (!existed)
      ctx.note(
        `Topic ${topic} did not exist; the broker created it (${count} partition${count === 1 ? '' : 's'}, as its auto.create.topics.enable and num.partitions say).`,
      )
    if (partition !== undefined && partition >= count) {
      throw new KafkaResponseError(3, { topic: topic!, partition }, `topic ${topic} has partitions 0-${count - 1}`)
    }
    const file = ctx.values.file as string | undefined
    const input = file !== undefined ? createReadStream(file) : process.stdin
    const lines = createInterface({ input, crlfDelay: Infinity })
    signal.addEventListener('abort', () => lines.close(), { once: true })
    // Records not yet confirmed, oldest first: awaited in order so offsets print in input order
    // and so a slow broker holds back reading (at most ~1000 records ahead).
    const pending: Promise<RecordMetadata>[] = []
    let printed = 0
    let sent = 0
    let acked = 0
    let skipped = 0
    let failure: unknown
    let failedLine: number | undefined
    const flushPrinted = async (all: boolean): Promise<void> => {
      while (printed < pending.length && (all || pending.length - printed > 1000)) {
        const m = await pending[printed++]!
        acked++
        if (printOffsets) ctx.print(ctx.json ? toJson(m) : `${m.topic}-${m.partition}@${m.offset}`)
      }
      if (printed > 10_000 || printed === pending.length) {
        pending.splice(0, printed)
        printed = 0
      }
    }
    const started = Date.now()
    let lineNo = 0
    try {
      for await (const raw of lines) {
        lineNo++
        let record: { key: Buffer | null; value: Buffer | null }
        try {
          record = parseLine(raw, lineNo, parser)
        } catch (err) {
          if (!parser.ignoreError) {
            failedLine = lineNo
            throw err
          }
          skipped++
          ctx.note(`samsa: skipped line ${lineNo}: ${(err as Error).message}`)
          continue
        }
        const p = producer.send({ topic: topic!, ...record, headers, ...(partition !== undefined ? { partition } : {}) })
        p.catch(() => {})
        pending.push(p)
        sent++
        if (rate !== undefined) {
          const due = started + (sent / rate) * 1000
          const wait = due - Date.now()
          if (wait > 0) await sleep(wait)
        }
        if (pending.length - printed > 1000) await flushPrinted(false)
        if (signal.aborted) break
      }
    } catch (err) {
      failure = err
    }
    await producer.flush()
    try {
      await flushPrinted(true)
    } catch (err) {
      failure ??= err
    }
    const secs = (Date.now() - started) / 1000
    const what = `${acks === 0 ? 'Sent' : 'Produced'} ${acked} record${acked === 1 ? '' : 's'} to ${topic}`
    const extra = [skipped > 0 ? `skipped ${skipped} bad line${skipped === 1 ? '' : 's'}` : '', acks === 0 ? 'acks=0: not confirmed' : '']
      .filter((s) => s !== '')
      .join('; ')
    if (failure !== undefined) {
      ctx.note(`${what}${failedLine !== undefined ? ` (lines 1-${failedLine - 1})` : ''} before it stopped${extra !== '' ? `; ${extra}` : ''}.`)
      throw failure
    }
    if (ctx.json && !printOffsets) ctx.printJson({ topic, records: acked, skipped, seconds: secs })
    else ctx.note(`${what}${extra !== '' ? `; ${extra}` : ''}${ctx.interrupted ? ' (interrupted)' : ''}.`)
  },
}
