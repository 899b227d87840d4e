/**
 * Serves the built UI (dist/src/console/public): index.html for `/` (never cached, it names the
 * current assets), content-hashed assets cached for a year, and the .gz the build wrote when
 * the browser accepts gzip. Everything is read once and kept in memory: the whole UI is a few
 * tens of KiB.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
}

interface Asset {
  body: Buffer
  gzip: Buffer | undefined
  type: string
  immutable: boolean
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url))

export class StaticFiles {
  readonly #assets = new Map<string, Asset>()

  constructor(dir = PUBLIC_DIR) {
    if (!existsSync(join(dir, 'index.html'))) return
    const load = (rel: string, immutable: boolean): void => {
      const file = join(dir, rel)
      const gz = `${file}.gz`
      this.#assets.set(`/${rel}`, {
        body: readFileSync(file),
        gzip: existsSync(gz) ? readFileSync(gz) : undefined,
        type: TYPES[extname(rel)] ?? 'application/octet-stream',
        immutable,
      })
    }
    load('index.html', false)
    const assets = join(dir, 'assets')
    if (existsSync(assets)) {
      for (const name of readdirSync(assets)) if (!name.endsWith('.gz')) load(`assets/${name}`, true)
    }
  }

  get built(): boolean {
    return this.#assets.has('/index.html')
  }

  /** Serves `path` if it is an asset (or `/`); returns false otherwise. */
  serve(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const asset = this.#assets.get(path === '/' ? '/index.html' : path)
    if (asset === undefined) return false
    const gzip = asset.gzip !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    const body = gzip ? asset.gzip! : asset.body
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      ...(path === '/' || path === '/index.html'
        ? {
            'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
            'referrer-policy': 'no-referrer',
          }
        : {}),
    })
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
}
