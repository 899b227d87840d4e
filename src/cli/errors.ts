/**
 * Turns any failure into a message a person can act on, an exit code (1 for Kafka and user
 * errors, 2 for usage) and, with --json, a JSON object. Stack traces only with SAMSA_DEBUG=1.
 */
import { ClientError, KafkaResponseError } from '../client/errors.js'
import { UsageError } from './command.js'

export interface ReportedError {
  exitCode: 1 | 2
  /** A stable code: SAMSA_CLIENT_*, SAMSA_USAGE, a Kafka error name, or SAMSA_ERROR. */
  code: string
  message: string
  hint?: string
  kafkaError?: string
}

const AUTH = /_AUTHORIZATION_FAILED$/

function describeError(err: unknown, bootstrap?: string): ReportedError {
  if (err instanceof UsageError) {
    const help = err.command.length > 0 ? `samsa ${err.command.join(' ')} --help` : 'samsa --help'
    return { exitCode: 2, code: 'SAMSA_USAGE', message: err.message, hint: `see \`${help}\`` }
  }
  if (err instanceof KafkaResponseError) {
    const c = err.context
    const base = { exitCode: 1 as const, code: err.errorName, kafkaError: err.errorName }
    switch (err.errorName) {
      case 'UNKNOWN_TOPIC_OR_PARTITION':
      case 'UNKNOWN_TOPIC_ID':
        if (c.topic !== undefined && c.partition === undefined) {
          return {
            ...base,
            message: `unknown topic "${c.topic}" (${err.errorName})`,
            hint: 'list topics with `samsa topics list`, or create it with `samsa topics create`',
          }
        }
        return { ...base, message: `unknown partition ${c.topic}-${c.partition} (${err.errorName})`, hint: 'see the partitions with `samsa topics describe`' }
      case 'TOPIC_ALREADY_EXISTS':
        return { ...base, message: `topic "${c.topic}" already exists (TOPIC_ALREADY_EXISTS)`, hint: 'add --if-not-exists to ignore this' }
      case 'GROUP_ID_NOT_FOUND':
        return { ...base, message: `unknown group "${c.group}" (GROUP_ID_NOT_FOUND)`, hint: 'list groups with `samsa groups list`' }
      case 'NON_EMPTY_GROUP':
        return { ...base, message: `group "${c.group}" still has active members (NON_EMPTY_GROUP)`, hint: 'stop its consumers first' }
      case 'MESSAGE_TOO_LARGE':
      case 'RECORD_LIST_TOO_LARGE': {
        const topic = c.topic ?? 'TOPIC'
        if (err.message.includes('max.request.size')) {
          return {
            ...base,
            message: err.message,
            hint: `raise the producer's limit with --max-request-size BYTES; the broker also checks the topic's max.message.bytes (samsa topics alter ${topic} --config max.message.bytes=BYTES)`,
          }
        }
        return {
          ...base,
          message: err.message,
          hint: `the topic's max.message.bytes (by default the broker's message.max.bytes, 1048588) limits a record batch: raise it with \`samsa topics alter ${topic} --config max.message.bytes=BYTES\`; requests over the broker's socket.request.max.bytes (104857600 by default) are refused whole`,
        }
      }
    }
    if (AUTH.test(err.errorName)) {
      return { ...base, message: `not authorised: ${err.message}`, hint: "the broker's ACLs do not allow this for your principal" }
    }
    return { ...base, message: err.message }
  }
  if (err instanceof ClientError) {
    switch (err.code) {
      case 'SAMSA_CLIENT_CONNECT':
        return {
          exitCode: 1,
          code: err.code,
          message: err.message,
          hint: `is a broker running there? Start one with \`samsa start\`, or point --bootstrap-server (or SAMSA_BOOTSTRAP_SERVER) at your cluster${bootstrap !== undefined ? ` (tried ${bootstrap})` : ''}`,
        }
      case 'SAMSA_CLIENT_INVALID':
        return { exitCode: 2, code: err.code, message: err.message }
      case 'SAMSA_CLIENT_DISCONNECTED':
        if (err.message.includes('socket.request.max.bytes')) {
          return {
            exitCode: 1,
            code: err.code,
            message: err.message,
            hint: "raise the broker's socket.request.max.bytes (samsa start --socket.request.max.bytes BYTES, or in server.properties), or send smaller records",
          }
        }
        return { exitCode: 1, code: err.code, message: err.message }
      default:
        return { exitCode: 1, code: err.code, message: err.message }
    }
  }
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SAMSA_')) {
    return { exitCode: 1, code: err.code, message: err.message }
  }
  if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE') {
    return {
      exitCode: 1,
      code: 'EADDRINUSE',
      message: err.message,
      hint: 'another process listens on that port: stop it or choose another with --listeners PLAINTEXT://host:port',
    }
  }
  if (err instanceof Error && 'code' in err && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR')) {
    return { exitCode: 1, code: String(err.code), message: err.message }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { exitCode: 1, code: 'SAMSA_ERROR', message, hint: process.env.SAMSA_DEBUG === undefined ? 'set SAMSA_DEBUG=1 to see details' : undefined }
}

export function printError(err: unknown, opts: { json: boolean; bootstrap?: string }): number {
  const r = describeError(err, opts.bootstrap)
  if (opts.json) {
    process.stderr.write(
      JSON.stringify({
        error: {
          code: r.code,
          message: r.message,
          ...(r.kafkaError !== undefined ? { kafkaError: r.kafkaError } : {}),
          ...(r.hint !== undefined ? { hint: r.hint } : {}),
        },
      }) + '\n',
    )
  } else {
    process.stderr.write(`samsa: ${r.message}\n${r.hint !== undefined ? `  ${r.hint}\n` : ''}`)
  }
  if (process.env.SAMSA_DEBUG !== undefined && err instanceof Error && err.stack !== undefined) process.stderr.write(`${err.stack}\n`)
  return r.exitCode
}
