/**
 * Errors raised by the client. Each has a stable `code` so callers (the CLI among them) can tell a
 * refused connection from a timeout or a Kafka error without parsing messages.
 *
 * | code | meaning |
 * | --- | --- |
 * | `SAMSA_CLIENT_CONNECT` | no broker reachable at host:port (refused, unknown host, connect timeout) |
 * | `SAMSA_CLIENT_DISCONNECTED` | the connection closed while a request was in flight |
 * | `SAMSA_CLIENT_TIMEOUT` | no response within the request timeout |
 * | `SAMSA_CLIENT_CLOSED` | the connection, cluster, producer or consumer was closed by the caller |
 * | `SAMSA_CLIENT_UNSUPPORTED` | the broker does not serve an API, or no version both sides speak |
 * | `SAMSA_CLIENT_DECODE` | a response did not decode |
 * | `SAMSA_CLIENT_KAFKA` | the broker answered with a Kafka error code ({@link KafkaResponseError}) |
 * | `SAMSA_CLIENT_INVALID` | the caller asked for something impossible (bad partition, unknown codec) |
 */
import { SamsaError } from '../errors.js'
import { errorInfo, type ErrorCodeName } from '../protocol/generated/error-codes.js'

export type ClientErrorCode =
  | 'SAMSA_CLIENT_CONNECT'
  | 'SAMSA_CLIENT_DISCONNECTED'
  | 'SAMSA_CLIENT_TIMEOUT'
  | 'SAMSA_CLIENT_CLOSED'
  | 'SAMSA_CLIENT_UNSUPPORTED'
  | 'SAMSA_CLIENT_DECODE'
  | 'SAMSA_CLIENT_KAFKA'
  | 'SAMSA_CLIENT_INVALID'
  /** authentication failed (TLS or SASL) */
  | 'SAMSA_CLIENT_AUTH'

export class ClientError extends SamsaError {
  declare readonly code: ClientErrorCode

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
  }
}

/** Where a Kafka error applied, for messages a person can act on. */
export interface ErrorContext {
  api?: string
  topic?: string
  partition?: number
  group?: string
  resource?: string
  broker?: string
}

/** The broker answered with a non-zero Kafka error code. */
export class KafkaResponseError extends ClientError {
  readonly errorCode: number
  /** Kafka's name for the code, e.g. `UNKNOWN_TOPIC_OR_PARTITION`. */
  readonly errorName: ErrorCodeName | `UNKNOWN_ERROR_${number}`
  readonly retriable: boolean
  readonly context: ErrorContext

  constructor(errorCode: number, context: ErrorContext = {}, brokerMessage?: string | null) {
    const info = errorInfo.get(errorCode)
    const name = info?.name ?? (`UNKNOWN_ERROR_${errorCode}` as const)
    const where = describeContext(context)
    const detail = brokerMessage ?? info?.message ?? 'unknown error code'
    super('SAMSA_CLIENT_KAFKA', `${name}${where === '' ? '' : ` (${where})`}: ${detail}`)
    this.errorCode = errorCode
    this.errorName = name
    this.retriable = info?.retriable ?? false
    this.context = context
  }
}

function describeContext(c: ErrorContext): string {
  const parts: string[] = []
  if (c.topic !== undefined) parts.push(c.partition === undefined ? `topic ${c.topic}` : `${c.topic}-${c.partition}`)
  if (c.group !== undefined) parts.push(`group ${c.group}`)
  if (c.resource !== undefined) parts.push(c.resource)
  if (c.api !== undefined) parts.push(c.api)
  if (c.broker !== undefined) parts.push(`broker ${c.broker}`)
  return parts.join(', ')
}

/** Throws a KafkaResponseError unless `errorCode` is 0. */
export function check(errorCode: number, context?: ErrorContext, brokerMessage?: string | null): void {
  if (errorCode !== 0) throw new KafkaResponseError(errorCode, context, brokerMessage)
}

export function isKafkaError(err: unknown, ...names: ErrorCodeName[]): err is KafkaResponseError {
  return err instanceof KafkaResponseError && (names.length === 0 || names.includes(err.errorName as ErrorCodeName))
}
