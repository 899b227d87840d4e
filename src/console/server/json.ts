/**
 * JSON for the console API. Offsets and sizes are bigints in the client; they go out as plain
 * numbers (exact below 2^53, far beyond any real offset or log size), so the UI can do
 * arithmetic on them.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))
}

/** Reads a request body up to `limit` bytes. */
export async function readBody(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += chunk.length
    if (size > limit) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
