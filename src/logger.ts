// Structured logging: a thin layer over pino that is quiet by default. Modules depend on the
// small `Logger` interface below, not on pino, so tests can pass any object that fits.
//
// Level, first match wins: the `level` option, SAMSA_LOG_LEVEL, LOG_LEVEL, the `defaultLevel`
// option, then 'warn'. A broker embedded in a test passes `defaultLevel: 'silent'`, so it says
// nothing unless someone asks with SAMSA_LOG_LEVEL=debug. An unknown level in the option or in
// SAMSA_LOG_LEVEL is an error; LOG_LEVEL, a name other tools set too, is skipped when it is not
// a level.
//
// Format: one JSON object per line, {"level":"warn","time":"2025-01-01T00:00:00.000Z",
// "name":"samsa","component":"storage","msg":"..."}, except on a terminal, where people read
// "12:00:00.000 WARN  storage: msg key=value". The `format` option or SAMSA_LOG_FORMAT
// (json|pretty) chooses. The pretty form is a few lines here rather than pino-pretty: our lines
// have one known shape, and pino-pretty would bring a dozen packages to format it.
import { pino } from 'pino'
import type { DestinationStream } from 'pino'
import { ConfigError } from './config/config-def.js'

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** One log method: `log.info('msg')`, `log.info({ topic }, 'msg')`, `log.error(err, 'msg')`. */
export interface LogFn {
  (msg: string, ...args: unknown[]): void
  (obj: object, msg?: string, ...args: unknown[]): void
}

export interface Logger {
  /** the current level; assignable, as in pino */
  level: string
  fatal: LogFn
  error: LogFn
  warn: LogFn
  info: LogFn
  debug: LogFn
  trace: LogFn
  /** a logger that adds these fields to every line: child({ component: 'storage' }) */
  child(bindings: Record<string, unknown>): Logger
  isLevelEnabled(level: string): boolean
}

export interface LoggerOptions {
  /** wins over the environment */
  level?: LogLevel
  /** used when neither `level` nor SAMSA_LOG_LEVEL / LOG_LEVEL is set; 'warn' when omitted */
  defaultLevel?: LogLevel
  /** written as "name" on every line; 'samsa' when omitted */
  name?: string
  /** a file descriptor, a file path, or a stream with write(line); stderr when omitted */
  destination?: number | string | DestinationStream
  /** where SAMSA_LOG_LEVEL / LOG_LEVEL / SAMSA_LOG_FORMAT are read; process.env when omitted */
  env?: Readonly<Record<string, string | undefined>>
  /** 'json', or 'pretty' for people; when omitted SAMSA_LOG_FORMAT, else pretty on a terminal (stderr by default) and JSON otherwise */
  format?: LogFormat
}

export const LOG_FORMATS = ['json', 'pretty'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

const ALIASES: Record<string, LogLevel> = { warning: 'warn', err: 'error', off: 'silent', none: 'silent' }

/** Parses a level name case-insensitively (WARNING, Info); undefined when it is not one. */
export function parseLogLevel(s: string | undefined): LogLevel | undefined {
  if (s === undefined) return undefined
  const lower = s.trim().toLowerCase()
  if ((LOG_LEVELS as readonly string[]).includes(lower)) return lower as LogLevel
  return ALIASES[lower]
}

/**
 * The level a logger would get. An unknown level in the option or in SAMSA_LOG_LEVEL is an
 * error; an unknown LOG_LEVEL is skipped (a common name that other tools set too).
 */
export function resolveLogLevel(options: Pick<LoggerOptions, 'level' | 'defaultLevel' | 'env'> = {}): LogLevel {
  const env = options.env ?? process.env
  const strict = (raw: string, where: string): LogLevel => {
    const level = parseLogLevel(raw)
    if (level === undefined) throw new ConfigError(`unknown log level "${raw}"${where}; use one of ${LOG_LEVELS.join(', ')}`)
    return level
  }
  if (options.level !== undefined) return strict(options.level, '')
  const own = env['SAMSA_LOG_LEVEL']
  if (own !== undefined && own.trim() !== '') return strict(own, ' in SAMSA_LOG_LEVEL')
  return parseLogLevel(env['LOG_LEVEL']) ?? options.defaultLevel ?? 'warn'
}

/** The format a logger would get; see LoggerOptions.format. */
export function resolveLogFormat(options: Pick<LoggerOptions, 'format' | 'destination' | 'env'> = {}, stderrIsTty = process.stderr.isTTY === true): LogFormat {
  const raw = options.format ?? (options.env ?? process.env)['SAMSA_LOG_FORMAT']
  if (raw !== undefined && raw.trim() !== '') {
    const f = raw.trim().toLowerCase()
    if (!(LOG_FORMATS as readonly string[]).includes(f)) throw new ConfigError(`unknown log format "${raw}"; use json or pretty`)
    return f as LogFormat
  }
  return options.destination === undefined && stderrIsTty ? 'pretty' : 'json'
}

const LEVEL_COLOUR: Record<string, string> = { fatal: '35', error: '31', warn: '33', info: '32', debug: '36', trace: '90' }

/**
 * One JSON log line as a person reads it: local time, level, component, message, then the
 * other fields as key=value; an error's stack on the lines below.
 */
export function prettyLine(json: string, colour: boolean): string {
  let o: Record<string, unknown>
  try {
    o = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json
  }
  const { level, time, name: _name, component, msg, err, ...rest } = o
  const t = typeof time === 'string' ? new Date(time) : new Date()
  const hms = `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}:${String(t.getSeconds()).padStart(2, '0')}.${String(t.getMilliseconds()).padStart(3, '0')}`
  const lv = String(level ?? '')
    .toUpperCase()
    .padEnd(5)
  const paint = (code: string | undefined, s: string): string => (colour && code !== undefined ? `\x1b[${code}m${s}\x1b[39m` : s)
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
  const e = err as { message?: string; stack?: string } | undefined
  let line = `${paint('90', hms)} ${paint(LEVEL_COLOUR[String(level)], lv)} ${component !== undefined ? `${String(component)}: ` : ''}${String(msg ?? '')}`
  if (e?.message !== undefined) line += `: ${e.message}`
  if (fields.length > 0) line += `  ${paint('90', fields.join(' '))}`
  if (e?.stack !== undefined)
    line += `\n${e.stack
      .split('\n')
      .slice(1)
      .map((l) => `    ${l.trim()}`)
      .join('\n')}`
  return `${line}\n`
}

function prettyStream(out: DestinationStream, colour: boolean): DestinationStream {
  return {
    write: (chunk: string) =>
      out.write(
        chunk
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => prettyLine(l, colour))
          .join(''),
      ),
  }
}

function destinationOf(d: LoggerOptions['destination']): DestinationStream {
  if (d === undefined) return pino.destination({ fd: 2, sync: true })
  if (typeof d === 'number') return pino.destination({ fd: d, sync: true })
  if (typeof d === 'string') return pino.destination({ dest: d, sync: true, mkdir: true })
  return d
}

/** A logger; see the file comment for how its level and format are chosen. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = resolveLogLevel(options)
  const format = resolveLogFormat(options)
  const destination = destinationOf(options.destination)
  const colour = options.destination === undefined && process.stderr.isTTY === true && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb'
  return pino(
    {
      level,
      name: options.name ?? 'samsa',
      base: undefined, // no pid/hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    format === 'pretty' ? prettyStream(destination, colour) : destination,
  )
}

/** A logger that never writes and ignores the environment, for tests that want no output. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' }, { write() {} })
}
