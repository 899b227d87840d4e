/**
 * Internal failures are typed errors with a stable `code` (undici style); protocol errors are
 * values in responses and never thrown across a handler boundary.
 */
export class SamsaError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** Raised when bytes on the wire or on disk do not decode. */
export class ProtocolError extends SamsaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SAMSA_PROTOCOL', message, options)
  }
}

/** Raised by storage when a log cannot be read or written. */
export class StorageError extends SamsaError {
  constructor(code: `SAMSA_STORAGE_${string}`, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
  }
}

/**
 * A failure that maps to a Kafka error code; storage and state layers throw it, handlers catch it
 * and put `errorCode` in the response.
 */
export class KafkaError extends SamsaError {
  readonly errorCode: number

  constructor(errorCode: number, message: string, options?: { cause?: unknown }) {
    super('SAMSA_KAFKA_ERROR', message, options)
    this.errorCode = errorCode
  }
}

/** A compressed batch whose records inflate past what the broker accepts (MESSAGE_TOO_LARGE). */
export class InflateLimitError extends SamsaError {
  constructor(message: string) {
    super('SAMSA_INFLATE_LIMIT', message)
  }
}
