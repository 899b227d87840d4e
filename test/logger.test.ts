import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { createLogger, createSilentLogger, parseLogLevel, prettyLine, resolveLogFormat, resolveLogLevel, type Logger } from '../src/logger.js'
import { ConfigError } from '../src/config/config-def.js'

function capture(): { lines: () => Record<string, unknown>[]; stream: { write(s: string): void } } {
  const chunks: string[] = []
  return {
    stream: { write: (s: string) => void chunks.push(s) },
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}

test('level: option > SAMSA_LOG_LEVEL > LOG_LEVEL > defaultLevel > warn', () => {
  assert.equal(resolveLogLevel({ env: {} }), 'warn')
  assert.equal(resolveLogLevel({ env: {}, defaultLevel: 'silent' }), 'silent')
  assert.equal(resolveLogLevel({ env: { LOG_LEVEL: 'info' }, defaultLevel: 'silent' }), 'info')
  assert.equal(resolveLogLevel({ env: { LOG_LEVEL: 'info', SAMSA_LOG_LEVEL: 'DEBUG' } }), 'debug')
  assert.equal(resolveLogLevel({ env: { SAMSA_LOG_LEVEL: 'debug' }, level: 'error' }), 'error')
  // an unknown level is an error in the option and in SAMSA_LOG_LEVEL; LOG_LEVEL, which other
  // tools set too, is skipped when it is not a level
  assert.throws(() => resolveLogLevel({ env: { SAMSA_LOG_LEVEL: 'loud' } }), /unknown log level "loud" in SAMSA_LOG_LEVEL/)
  assert.equal(resolveLogLevel({ env: { LOG_LEVEL: 'loud' } }), 'warn')
  assert.throws(() => resolveLogLevel({ level: 'loud' as never }), ConfigError)
  assert.equal(parseLogLevel(' Trace '), 'trace')
  assert.equal(parseLogLevel('nope'), undefined)
})

test('JSON lines with level label, ISO time, name and child bindings', () => {
  const out = capture()
  const log = createLogger({ level: 'info', name: 'broker', destination: out.stream, env: {} })
  const storage: Logger = log.child({ component: 'storage' })
  storage.info({ topic: 't', partition: 0 }, 'segment rolled')
  log.debug('not shown')
  log.warn('plain %s', 'message')
  const [first, second, ...rest] = out.lines()
  assert.equal(rest.length, 0)
  assert.equal(first!['level'], 'info')
  assert.equal(first!['name'], 'broker')
  assert.equal(first!['component'], 'storage')
  assert.equal(first!['topic'], 't')
  assert.equal(first!['msg'], 'segment rolled')
  assert.match(String(first!['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  assert.equal(first!['pid'], undefined)
  assert.equal(second!['msg'], 'plain message')
  assert.equal(second!['level'], 'warn')
})

test('errors are serialised with their message and stack', () => {
  const out = capture()
  createLogger({ destination: out.stream, env: {} }).error({ err: new Error('boom') }, 'failed')
  const [line] = out.lines()
  assert.equal((line!['err'] as { message: string }).message, 'boom')
  assert.match((line!['err'] as { stack: string }).stack, /Error: boom/)
})

test('default is warn; silent loggers write nothing', () => {
  const out = capture()
  const log = createLogger({ destination: out.stream, env: {} })
  assert.equal(log.level, 'warn')
  log.info('hidden')
  log.warn('shown')
  assert.equal(out.lines().length, 1)

  const quiet = capture()
  const embedded = createLogger({ defaultLevel: 'silent', destination: quiet.stream, env: {} })
  embedded.error('hidden')
  assert.equal(quiet.lines().length, 0)
  assert.equal(embedded.isLevelEnabled('error'), false)
  createSilentLogger().error('nothing')
})

test('a file path destination', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-log-'))
  try {
    const file = join(dir, 'sub', 'samsa.log')
    createLogger({ level: 'info', destination: file, env: {} }).info('to a file')
    assert.equal(JSON.parse(readFileSync(file, 'utf8').trim())['msg'], 'to a file')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('writes to stderr by default and reads SAMSA_LOG_LEVEL from the process environment', () => {
  const loggerUrl = new URL('../src/logger.js', import.meta.url).href
  const script = `import { createLogger } from ${JSON.stringify(loggerUrl)}; const l = createLogger(); l.info('i'); l.debug('d'); l.trace('t')`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, SAMSA_LOG_LEVEL: 'debug', LOG_LEVEL: 'error' },
    encoding: 'utf8',
  })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, '')
  assert.deepEqual(
    r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).msg),
    ['i', 'd'],
  )
})

test('format: pretty on a terminal, JSON otherwise or when asked (SAMSA_LOG_FORMAT, option)', () => {
  assert.equal(resolveLogFormat({ env: {} }, true), 'pretty')
  assert.equal(resolveLogFormat({ env: {} }, false), 'json')
  assert.equal(resolveLogFormat({ env: { SAMSA_LOG_FORMAT: 'json' } }, true), 'json')
  assert.equal(resolveLogFormat({ env: {}, format: 'pretty' }, false), 'pretty')
  assert.equal(resolveLogFormat({ env: {}, destination: 1 }, true), 'json', 'a chosen destination is not the terminal')
  assert.throws(() => resolveLogFormat({ env: { SAMSA_LOG_FORMAT: 'xml' } }), /unknown log format "xml"/)

  const chunks: string[] = []
  const log = createLogger({ level: 'info', format: 'pretty', destination: { write: (s: string) => void chunks.push(s) }, env: {} })
  log.child({ component: 'storage' }).info({ topic: 'orders', partition: 0, note: 'two words' }, 'segment rolled')
  log.error({ err: new Error('boom') }, 'failed')
  const [first, second] = chunks.join('').split('\n')
  assert.match(first!, /^\d\d:\d\d:\d\d\.\d{3} INFO {2}storage: segment rolled {2}topic=orders partition=0 note="two words"$/)
  assert.match(second!, /^\d\d:\d\d:\d\d\.\d{3} ERROR failed: boom$/)
  assert.match(chunks.join(''), /\n {4}at /, 'the stack below')
  assert.equal(prettyLine('not json', false), 'not json')
})
