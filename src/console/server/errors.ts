/**
 * Errors as the console's HTTP API reports them: a status and a message a person can act on.
 * Client errors keep their stable codes; a cluster that cannot be reached is a 503 whose message
 * names the bootstrap address, so the UI can say "the cluster is down" instead of "500".
 */
import { ClientError, KafkaResponseError } from '../../client/index.js'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'SAMSA_CONSOLE_HTTP',
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message, 'SAMSA_CONSOLE_BAD_REQUEST')
export const notFound = (message: string): HttpError => new HttpError(404, message, 'SAMSA_CONSOLE_NOT_FOUND')
export const conflict = (message: string): HttpError => new HttpError(409, message, 'SAMSA_CONSOLE_CONFLICT')

const NOT_FOUND = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID', 'GROUP_ID_NOT_FOUND', 'BROKER_NOT_AVAILABLE'])
const CONFLICT = new Set(['TOPIC_ALREADY_EXISTS', 'NON_EMPTY_GROUP', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS'])
const BAD_REQUEST = new Set([
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_CONFIG',
  'INVALID_REQUEST',
  'POLICY_VIOLATION',
  'INVALID_GROUP_ID',
  'TOPIC_DELETION_DISABLED',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
  'OFFSET_OUT_OF_RANGE',
])

export interface ErrorBody {
  error: { message: string; code: string; kafkaError?: string }
}

/** Maps any error to an HTTP status and a JSON body. */
export function toHttpError(err: unknown, bootstrap: string): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) return { status: err.status, body: { error: { message: err.message, code: err.code } } }
  if (err instanceof KafkaResponseError) {
    const name = err.errorName
    const status = NOT_FOUND.has(name) ? 404 : CONFLICT.has(name) ? 409 : BAD_REQUEST.has(name) ? 400 : 502
    return { status, body: { error: { message: err.message, code: err.code, kafkaError: name } } }
  }
  if (err instanceof ClientError) {
    switch (err.code) {
      case 'SAMSA_CLIENT_CONNECT':
      case 'SAMSA_CLIENT_DISCONNECTED':
      case 'SAMSA_CLIENT_TIMEOUT':
        return { status: 503, body: { error: { message: `Cannot reach the cluster at ${bootstrap}: ${err.message}`, code: err.code } } }
      case 'SAMSA_CLIENT_UNSUPPORTED':
        return { status: 501, body: { error: { message: `The cluster does not support this: ${err.message}`, code: err.code } } }
      case 'SAMSA_CLIENT_INVALID':
        return { status: 400, body: { error: { message: err.message, code: err.code } } }
      default:
        return { status: 502, body: { error: { message: err.message, code: err.code } } }
    }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { status: 500, body: { error: { message, code: 'SAMSA_CONSOLE_INTERNAL' } } }
}
