/**
 * `samsa consume TOPIC`: print records, by partition assignment or as a group member. Like
 * kcat and Kafka's console consumer it waits for records until stopped (Ctrl-C), `-e` stops at
 * the end of every partition, and a broker that goes away while it waits is waited for too.
 */
import type { Cluster } from '../client/cluster.js'
import type { Consumer, ConsumedRecord, StartPosition } from '../client/consumer.js'
import { type CommandSpec, UsageError, choiceOption, intOption, parseTime } from './command.js'
import { Encoder, type DataFormat } from './data-format.js'
import { toJson } from './output.js'

export type OutputFormat = { kind: 'text' } | { kind: 'json' } | { kind: 'template'; parts: TemplatePart[] }
type TemplatePart = string | ((r: ConsumedRecord, e: Encoder) => string)

const TOKENS: Record<string, (r: ConsumedRecord, e: Encoder) => string> = {
  t: (r) => r.topic,
  p: (r) => String(r.partition),
  o: (r) => String(r.offset),
  T: (r) => String(r.timestamp),
  k: (r, e) => e.text(r.key),
  s: (r, e) => e.text(r.value),
  K: (r) => String(r.key === null ? -1 : r.key.length),
  S: (r) => String(r.value === null ? -1 : r.value.length),
  h: (r, e) => r.headers.map((h) => `${h.key}=${e.text(h.value)}`).join(','),
}

/** A kcat-style format string: %t %p %o %T %k %s %K %S %h, %% for %, and \n \t \r \\ escapes. */
function compileTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let lit = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    const n = s[i + 1]
    if (c === '\\' && n !== undefined && 'ntr\\'.includes(n)) {
      lit += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : '\\'
      i++
    } else if (c === '%' && n === '%') {
      lit += '%'
      i++
    } else if (c === '%' && n !== undefined && TOKENS[n] !== undefined) {
      if (lit !== '') parts.push(lit)
      lit = ''
      parts.push(TOKENS[n])
      i++
    } else if (c === '%') {
      throw new UsageError(`--format: unknown token %${n ?? ''} (use %t %p %o %T %k %s %K %S %h or %%)`)
    } else lit += c
  }
  if (lit !== '') parts.push(lit)
  return parts
}

/** `--format`: text, json, or a format string; hex and base64 stay as names for text in that encoding. */
function parseFormat(raw: string | undefined, json: boolean): { format: OutputFormat; encoding?: DataFormat } {
  if (raw === undefined) return { format: { kind: json ? 'json' : 'text' } }
  if (raw.includes('%') || raw.includes('\\')) return { format: { kind: 'template', parts: compileTemplate(raw) } }
  const name = raw.toLowerCase()
  if (name === 'text' || name === 'json') return { format: { kind: name } }
  if (name === 'hex' || name === 'base64') return { format: { kind: 'text' }, encoding: name }
  throw new UsageError(`--format must be text, json, or a format string such as '%k %s\\n', got "${raw}"`)
}

function formatRecord(r: ConsumedRecord, format: OutputFormat, e: Encoder, opts: { printKey: boolean; printHeaders: boolean; separator: string }): string {
  e.startRecord()
  let out: string
  if (format.kind === 'json') {
    out =
      toJson({
        topic: r.topic,
        partition: r.partition,
        offset: r.offset,
        timestamp: r.timestamp,
        key: e.json(r.key),
        value: e.json(r.value),
        headers: Object.fromEntries(r.headers.map((h) => [h.key, e.json(h.value)])),
        ...(e.encoding !== 'text' ? { encoding: e.encoding } : {}),
      }) + '\n'
  } else if (format.kind === 'template') {
    out = format.parts.map((p) => (typeof p === 'string' ? p : p(r, e))).join('')
  } else {
    let line = e.text(r.value)
    if (opts.printKey) line = `${e.text(r.key)}${opts.separator}${line}`
    if (opts.printHeaders) {
      const hs = r.headers.map((h) => `${h.key}=${e.text(h.value)}`).join(',')
      line = `${hs === '' ? 'NO_HEADERS' : hs}${opts.separator}${line}`
    }
    out = line + '\n'
  }
  e.endRecord()
  return out
}

export type OffsetArg = { kind: 'earliest' } | { kind: 'latest' } | { kind: 'at'; offset: bigint } | { kind: 'fromEnd'; count: bigint }

/** `-o`: earliest|beginning, latest|end, an offset, or -N (N before the end), as kcat's -o. */
function parseOffset(raw: string): OffsetArg {
  const s = raw.trim().toLowerCase()
  if (s === 'earliest' || s === 'beginning' || s === 'start') return { kind: 'earliest' }
  if (s === 'latest' || s === 'end') return { kind: 'latest' }
  if (/^\d+$/.test(s)) return { kind: 'at', offset: BigInt(s) }
  if (/^-\d+$/.test(s)) return { kind: 'fromEnd', count: -BigInt(s) }
  throw new UsageError(`--offset must be earliest, latest, an offset, or -N for N before the end, got "${raw}"`)
}

/** Puts unprinted records back, so a group commits only what was printed. */
export function rewind(consumer: Consumer, unprinted: readonly ConsumedRecord[]): void {
  const first = new Map<string, ConsumedRecord>()
  for (const r of unprinted) {
    const k = `${r.topic}:${r.partition}`
    const seen = first.get(k)
    if (seen === undefined || r.offset < seen.offset) first.set(k, r)
  }
  for (const r of first.values()) consumer.seek(r.topic, r.partition, r.offset)
}

/** A failure that a waiting consumer outlives: the broker is restarting, a leader or coordinator moved. */
async function isTransient(err: unknown): Promise<boolean> {
  const { ClientError } = await import('../client/errors.js')
  const { isRetriable } = await import('../client/cluster.js')
  if (err instanceof ClientError && ['SAMSA_CLIENT_CONNECT', 'SAMSA_CLIENT_DISCONNECTED', 'SAMSA_CLIENT_TIMEOUT'].includes(err.code)) return true
  return isRetriable(err, true)
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done(): void {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

export const consumeCommand: CommandSpec = {
  path: ['consume'],
  summary: 'Print records of a topic',
  usage: 'TOPIC [options]',
  description: [
    'Waits for records until Ctrl-C, as kcat and kafka-console-consumer.sh do; -e stops once every',
    'partition is read to its end. Starts at the end by default (--from-beginning, --offset or',
    '--from-timestamp choose another start); with --group, at the committed offsets, committing',
    'what it printed as it goes and on exit. A broker that restarts is waited for.',
  ].join('\n'),
  connects: true,
  options: {
    'from-beginning': { type: 'boolean', description: 'Start at the earliest offset' },
    offset: {
      type: 'string',
      short: 'o',
      value: 'OFFSET',
      description: 'Start at earliest, latest, an offset, or -N (N records before the end of each partition)',
    },
    'from-timestamp': { type: 'string', value: 'TIME', description: 'Start at the first record at or after TIME (ISO, epoch ms, or -1h for an hour ago)' },
    partition: { type: 'string', short: 'p', value: 'N', multiple: true, description: 'Read only these partitions' },
    group: { type: 'string', short: 'g', value: 'GROUP', description: 'Consume as a member of this consumer group' },
    'max-messages': { type: 'string', short: 'n', value: 'N', description: 'Stop after N records' },
    'exit-at-end': { type: 'boolean', short: 'e', description: 'Stop once every partition is read to its end' },
    follow: { type: 'boolean', description: 'Keep waiting for new records (the default)' },
    'timeout-ms': { type: 'string', value: 'MS', description: 'Stop after MS without a record' },
    format: {
      type: 'string',
      short: 'f',
      value: 'FMT',
      description:
        "text, json, or a format string: %t topic, %p partition, %o offset, %T timestamp, %k key, %s value, %h headers, %K/%S lengths ('%p@%o %k=%s\\n')",
      default: 'text',
    },
    encoding: {
      type: 'string',
      value: 'ENC',
      description: 'How keys, values and headers are shown: text (UTF-8), base64 or hex; also in JSON',
      default: 'text',
      choices: ['text', 'base64', 'hex'],
    },
    'print-key': { type: 'boolean', short: 'K', description: 'Print the key before the value (text)' },
    'print-headers': { type: 'boolean', description: 'Print headers before the value (text)' },
    'key-separator': { type: 'string', value: 'SEP', description: 'Separator after the key and headers', default: 'tab' },
  },
  examples: [
    'samsa consume orders --from-beginning -e',
    'samsa consume orders --group billing',
    'samsa consume orders --partition 0 --offset 42 --max-messages 10',
    'samsa consume orders -o -10 -e',
    "samsa consume orders --from-beginning -e -f '%p@%o %T %k=%s\\n'",
    'samsa consume orders --from-timestamp -1h --format json -e',
    'samsa consume blobs --from-beginning -e --encoding hex | xxd -r -p > blob.bin',
  ],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const parsed = parseFormat(ctx.values.format as string | undefined, ctx.json)
    const encoding =
      ctx.values.encoding !== undefined ? choiceOption<DataFormat>(ctx.values, 'encoding', ['text', 'base64', 'hex'], 'text') : (parsed.encoding ?? 'text')
    const group = ctx.values.group as string | undefined
    const offset = ctx.values.offset !== undefined ? parseOffset(String(ctx.values.offset)) : undefined
    const fromTs = ctx.values['from-timestamp'] !== undefined ? parseTime(String(ctx.values['from-timestamp']), 'from-timestamp') : undefined
    const fromBeginning = ctx.values['from-beginning'] === true
    const partitions = ((ctx.values.partition as string[] | undefined) ?? []).map((p) => intOption({ partition: p }, 'partition', { min: 0 })!)
    const max = intOption(ctx.values, 'max-messages', { min: 1 })
    const timeoutMs = intOption(ctx.values, 'timeout-ms', { min: 1 })
    const exitAtEnd = ctx.values['exit-at-end'] === true
    if (exitAtEnd && ctx.values.follow === true) throw new UsageError('--exit-at-end and --follow contradict each other', ctx.spec.path)
    if ([fromBeginning, offset !== undefined, fromTs !== undefined].filter(Boolean).length > 1) {
      throw new UsageError('give only one of --from-beginning, --offset and --from-timestamp', ctx.spec.path)
    }
    if (group !== undefined && (offset !== undefined || fromTs !== undefined || partitions.length > 0)) {
      throw new UsageError(
        '--group reads from committed offsets: --offset, --from-timestamp and --partition need no group (reset a group with `samsa groups reset-offsets`)',
        ctx.spec.path,
      )
    }
    const sepRaw = (ctx.values['key-separator'] as string | undefined) ?? 'tab'
    const opts = { printKey: ctx.values['print-key'] === true, printHeaders: ctx.values['print-headers'] === true, separator: sepRaw === 'tab' ? '\t' : sepRaw }
    const encoder = new Encoder(encoding)
    const signal = ctx.interruptible()

    const [{ Consumer }, { listOffsets }] = await Promise.all([import('../client/consumer.js'), import('../client/offsets.js')])
    const cluster = (await ctx.admin()).cluster
    const info = await cluster.topic(topic!)
    const consumer = new Consumer(cluster, {
      ...(group !== undefined ? { groupId: group } : {}),
      autoOffsetReset: fromBeginning ? 'earliest' : 'latest',
      maxWaitMs: exitAtEnd ? 100 : 500,
    })

    let count = 0
    try {
      if (group !== undefined) {
        await consumer.subscribe([topic!])
      } else {
        for (const p of partitions) {
          if (p >= info.partitions.length) throw new UsageError(`topic ${topic} has partitions 0-${info.partitions.length - 1}, not ${p}`, ctx.spec.path)
        }
        const chosen = partitions.length > 0 ? partitions : info.partitions.map((p) => p.partition)
        const starts = await startPositions(listOffsets, cluster, topic!, chosen, offset, fromTs, fromBeginning)
        await consumer.assign(chosen.map((partition) => ({ topic: topic!, partition, start: starts.get(partition)! })))
      }
      if (!exitAtEnd && process.stderr.isTTY === true) {
        ctx.note(
          `Waiting for records in ${topic}${group !== undefined ? ` as group ${group}` : ''} (Ctrl-C to stop${fromBeginning || offset !== undefined || fromTs !== undefined || group !== undefined ? '' : '; --from-beginning reads what is already there'}; -e stops at the end).`,
        )
      }
      let lastRecord = Date.now()
      let failing: string | undefined
      let backoff = 250
      while (!signal.aborted) {
        let records: ConsumedRecord[]
        try {
          records = await consumer.poll()
          if (failing !== undefined) ctx.note(`samsa: reading ${topic} again`)
          failing = undefined
          backoff = 250
        } catch (err) {
          if (exitAtEnd || !(await isTransient(err))) throw err
          if (failing === undefined) ctx.note(`samsa: lost the broker (${(err as Error).message}); waiting for it`)
          failing = (err as Error).message
          await sleep(backoff, signal)
          backoff = Math.min(backoff * 2, 5000)
          continue
        }
        let out = ''
        let printedUpTo = records.length
        for (let i = 0; i < records.length; i++) {
          const wasAltered = encoder.altered
          out += formatRecord(records[i]!, parsed.format, encoder, opts)
          if (encoder.altered === 1 && wasAltered === 0) {
            const r = records[i]!
            ctx.note(
              `samsa: ${r.topic}-${r.partition}@${r.offset} is not UTF-8 text; such bytes are shown as U+FFFD (--encoding base64 or hex shows them exactly)`,
            )
          }
          count++
          if (max !== undefined && count >= max) {
            printedUpTo = i + 1
            break
          }
        }
        if (printedUpTo < records.length) rewind(consumer, records.slice(printedUpTo))
        if (records.length > 0) lastRecord = Date.now()
        await ctx.write(out)
        if (max !== undefined && count >= max) break
        if (exitAtEnd && consumer.caughtUp()) break
        if (timeoutMs !== undefined && Date.now() - lastRecord >= timeoutMs) break
      }
    } finally {
      await consumer.close()
    }
    if (ctx.brokenPipe) return
    const altered = encoder.altered > 0 ? ` (${encoder.altered} with bytes that are not UTF-8, shown as U+FFFD)` : ''
    ctx.note(`Consumed ${count} record${count === 1 ? '' : 's'}${altered}${ctx.interrupted ? ' (interrupted)' : ''}.`)
  },
}

async function startPositions(
  listOffsets: typeof import('../client/offsets.js').listOffsets,
  cluster: Cluster,
  topic: string,
  partitions: readonly number[],
  offset: OffsetArg | undefined,
  fromTs: number | undefined,
  fromBeginning: boolean,
): Promise<Map<number, StartPosition>> {
  const out = new Map<number, StartPosition>()
  if (offset?.kind === 'fromEnd') {
    const q = (spec: 'earliest' | 'latest') => partitions.map((partition) => ({ topic, partition, spec }))
    const [starts, ends] = await Promise.all([listOffsets(cluster, q('earliest')), listOffsets(cluster, q('latest'))])
    for (const p of partitions) {
      const start = starts.get(`${topic}:${p}`)?.offset ?? 0n
      const end = ends.get(`${topic}:${p}`)?.offset ?? 0n
      out.set(p, end - offset.count > start ? end - offset.count : start)
    }
    return out
  }
  const start: StartPosition =
    offset?.kind === 'at' ? offset.offset : offset?.kind === 'earliest' || fromBeginning ? 'earliest' : fromTs !== undefined ? { timestamp: fromTs } : 'latest'
  for (const p of partitions) out.set(p, start)
  return out
}
