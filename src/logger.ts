// Structured logging: a thin layer over pino that is quiet by default. Modules depend on the
// small `Logger` interface below, not on pino, so tests can pass any object that fits.
//
// Level, first match wins: the `level` option, SAMSA_LOG_LEVEL, LOG_LEVEL, the `defaultLevel`
// option, then 'warn'. A broker embedded in a test passes `defaultLevel: 'silent'`, so it says
// nothing unless someone asks with SAMSA_LOG_LEVEL=debug. Output is one JSON object per line
// on stderr: {"level":"warn","time":"2025-01-01T00:00:00.000Z","name":"samsa","component":"storage","msg":"..."}.
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
  /** where SAMSA_LOG_LEVEL / LOG_LEVEL are read; process.env when omitted */
  env?: Readonly<Record<string, string | undefined>>
}

const ALIASES: Record<string, LogLevel> = { warning: 'warn', err: 'error', off: 'silent', none: 'silent' }

/** Parses a level name case-insensitively (WARNING, Info); undefined when it is not one. */
export function parseLogLevel(s: string | undefined): LogLevel | undefined {
  if (s === undefined) return undefined
  const lower = s.trim().toLowerCase()
  if ((LOG_LEVELS as readonly string[]).includes(lower)) return lower as LogLevel
  return ALIASES[lower]
}

/**
 * The level a logger would get. Unparseable environment values are skipped (LOG_LEVEL is a
 * common name that other tools set too); an unparseable option is an error.
 */
export function resolveLogLevel(options: Pick<LoggerOptions, 'level' | 'defaultLevel' | 'env'> = {}): LogLevel {
  const env = options.env ?? process.env
  if (options.level !== undefined) {
    const level = parseLogLevel(options.level)
    if (level === undefined) throw new ConfigError(`unknown log level "${options.level}"; use one of ${LOG_LEVELS.join(', ')}`)
    return level
  }
  return parseLogLevel(env['SAMSA_LOG_LEVEL']) ?? parseLogLevel(env['LOG_LEVEL']) ?? options.defaultLevel ?? 'warn'
}

function destinationOf(d: LoggerOptions['destination']): DestinationStream {
  if (d === undefined) return pino.destination({ fd: 2, sync: true })
  if (typeof d === 'number') return pino.destination({ fd: d, sync: true })
  if (typeof d === 'string') return pino.destination({ dest: d, sync: true, mkdir: true })
  return d
}

/** A JSON-lines logger; see the file comment for how its level is chosen. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = resolveLogLevel(options)
  return pino(
    {
      level,
      name: options.name ?? 'samsa',
      base: undefined, // no pid/hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destinationOf(options.destination),
  )
}

/** A logger that never writes and ignores the environment, for tests that want no output. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' }, { write() {} })
}
