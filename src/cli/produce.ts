/** `samsa produce TOPIC`: one record per input line. */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseCompression } from '../client/compression.js'
import { KafkaResponseError } from '../client/errors.js'
import { Producer, type RecordMetadata } from '../client/producer.js'
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

export const produceCommand: CommandSpec = {
  path: ['produce'],
  summary: 'Send records from stdin or a file, one per line',
  usage: 'TOPIC [options]',
  description: 'Each input line becomes one record. With --key-separator the text before the first separator is the key. For binary data use --input-format hex or base64 (key and value are each encoded).',
  connects: true,
  options: {
    file: { type: 'string', short: 'f', value: 'PATH', description: 'Read lines from a file instead of stdin' },
    'key-separator': { type: 'string', short: 'k', value: 'SEP', description: 'Split each line into key and value at the first SEP' },
    header: { type: 'string', short: 'H', value: 'k=v', multiple: true, description: 'A header added to every record' },
    partition: { type: 'string', short: 'p', value: 'N', description: 'Send every record to this partition' },
    acks: { type: 'string', value: '0|1|all', description: 'Acknowledgements to wait for', default: 'all', choices: ['0', '1', 'all'] },
    compression: { type: 'string', value: 'TYPE', description: 'none or gzip (snappy, lz4, zstd need a registered codec)', default: 'none', choices: ['none', 'gzip', 'snappy', 'lz4', 'zstd'] },
    rate: { type: 'string', value: 'N', description: 'At most N records per second' },
    'print-offsets': { type: 'boolean', description: 'Print partition and offset of each record, in input order' },
    'input-format': { type: 'string', value: 'FMT', description: 'text, hex or base64', default: 'text', choices: ['text', 'hex', 'base64'] },
    'linger-ms': { type: 'string', value: 'MS', description: 'Wait this long to fill batches', default: '0' },
    'batch-size': { type: 'string', value: 'BYTES', description: 'Batch size per partition', default: '16384' },
    quiet: { type: 'boolean', short: 'q', description: 'No summary on stderr' },
  },
  examples: [
    'echo hello | samsa produce orders',
    'printf "user1:clicked\\nuser2:paid\\n" | samsa produce events --key-separator : --print-offsets',
    'samsa produce orders --file orders.txt --compression gzip --acks 1',
    'xxd -p -c 1000 blob.bin | samsa produce blobs --input-format hex',
    'seq 1000 | samsa produce numbers --rate 100 --header source=seq',
  ],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const format = choiceOption<DataFormat>(ctx.values, 'input-format', ['text', 'hex', 'base64'], 'text')
    const sep = ctx.values['key-separator'] as string | undefined
    if (sep === '') throw new UsageError('--key-separator must not be empty', ctx.spec.path)
    const headers = keyValues(ctx.values, 'header').map(([key, value]) => ({ key, value: Buffer.from(value) }))
    const partition = intOption(ctx.values, 'partition', { min: 0 })
    const rate = intOption(ctx.values, 'rate', { min: 1 })
    const acks = parseAcks(ctx.values.acks)
    let compression
    try {
      compression = parseCompression(String(ctx.values.compression ?? 'none'))
    } catch (err) {
      throw new UsageError((err as Error).message, ctx.spec.path)
    }
    const printOffsets = ctx.values['print-offsets'] === true
    const producer = new Producer((await ctx.admin()).cluster, {
      acks,
      compression,
      lingerMs: intOption(ctx.values, 'linger-ms', { min: 0 }) ?? 0,
      batchSize: intOption(ctx.values, 'batch-size', { min: 1 }) ?? 16_384,
    })
    const count = await producer.partitionCount(topic!)
    if (partition !== undefined && partition >= count) {
      throw new KafkaResponseError(3, { topic: topic!, partition }, `topic ${topic} has partitions 0-${count - 1}`)
    }
    const file = ctx.values.file as string | undefined
    const input = file !== undefined ? createReadStream(file) : process.stdin
    const lines = createInterface({ input, crlfDelay: Infinity })
    // Records not yet confirmed, oldest first: awaited in order so offsets print in input order
    // and so a slow broker holds back reading (at most ~1000 records ahead).
    const pending: Promise<RecordMetadata>[] = []
    let printed = 0
    let sent = 0
    let failure: unknown
    const flushPrinted = async (all: boolean): Promise<void> => {
      while (printed < pending.length && (all || pending.length - printed > 1000)) {
        const m = await pending[printed++]!
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
        const line = format === 'text' ? raw : raw.trim()
        let key: Buffer | null = null
        let value: string = line
        if (sep !== undefined) {
          const at = line.indexOf(sep)
          if (at < 0) throw new UsageError(`line ${lineNo} has no key separator "${sep}"`, ctx.spec.path)
          key = decodeInput(line.slice(0, at), format, `the key on line ${lineNo}`)
          value = line.slice(at + sep.length)
        }
        const p = producer.send({ topic: topic!, key, value: decodeInput(value, format, `line ${lineNo}`), headers, ...(partition !== undefined ? { partition } : {}) })
        p.catch(() => {})
        pending.push(p)
        sent++
        if (rate !== undefined) {
          const due = started + (sent / rate) * 1000
          const wait = due - Date.now()
          if (wait > 0) await sleep(wait)
        }
        if (pending.length - printed > 1000) await flushPrinted(false)
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
    if (failure !== undefined) throw failure
    const secs = (Date.now() - started) / 1000
    if (ctx.json && !printOffsets) ctx.printJson({ topic, records: sent, seconds: secs })
    else if (ctx.values.quiet !== true) ctx.note(`Produced ${sent} record${sent === 1 ? '' : 's'} to ${topic}${acks === 0 ? ' (acks=0: not confirmed)' : ''}.`)
  },
}
