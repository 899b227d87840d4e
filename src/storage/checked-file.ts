/**
 * Small state files written atomically (temp file, fsync, rename) as `name value` lines after a
 * `version 1` line, closed by a CRC-32C line; a missing or damaged file reads as undefined, so
 * callers fall back to the safe choice (recover, clean everything).
 */
import { crc32c } from '@node-rs/crc32'
import { replaceFile, type StorageFs } from './file-system.js'

function encode(fields: ReadonlyArray<readonly [string, string]>): string {
  const body = `version 1\n${fields.map(([k, v]) => `${k} ${v}\n`).join('')}`
  return `${body}crc ${(crc32c(body) >>> 0).toString(16)}\n`
}

export function readCheckedFile(fs: StorageFs, path: string): Map<string, string> | undefined {
  let text: string
  try {
    text = fs.readFileSync(path).toString('utf8')
  } catch (err) {
    // Missing is "no checkpoint"; any other failure (EMFILE, EIO) must not pass for one.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const at = text.lastIndexOf('crc ')
  if (at < 0 || !text.endsWith('\n')) return undefined
  const body = text.slice(0, at)
  if ((crc32c(body) >>> 0).toString(16) !== text.slice(at + 4, -1)) return undefined
  const lines = body.split('\n').slice(0, -1)
  if (lines[0] !== 'version 1') return undefined
  const out = new Map<string, string>()
  for (const line of lines.slice(1)) {
    const sp = line.indexOf(' ')
    if (sp <= 0) return undefined
    out.set(line.slice(0, sp), line.slice(sp + 1))
  }
  return out
}

export async function writeCheckedFile(fs: StorageFs, path: string, fields: ReadonlyArray<readonly [string, string]>): Promise<void> {
  await replaceFile(fs, path, Buffer.from(encode(fields)))
}
