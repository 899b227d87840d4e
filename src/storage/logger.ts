/** The slice of a pino-style logger that storage uses; pino's Logger satisfies it. */
export interface StorageLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

const noop = (): void => {}
export const silentLogger: StorageLogger = { debug: noop, info: noop, warn: noop, error: noop }
