/**
 * A tiny router: `METHOD /path/:param` patterns matched segment by segment, parameters
 * URL-decoded. Handlers get an ApiRequest and return a JSON-able value (sent with 200), a
 * `Reply` (other statuses), or `STREAMED` when they wrote the response themselves (SSE).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export const STREAMED = Symbol('streamed')

export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export interface ApiRequest {
  readonly method: string
  readonly path: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body (an object), or a 400 when it is not JSON. */
  json(): Promise<Record<string, unknown>>
  readonly raw: IncomingMessage
  readonly res: ServerResponse
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal
}

export type Handler = (req: ApiRequest) => unknown

interface Route {
  method: string
  segments: string[]
  handler: Handler
}

export class Router {
  readonly #routes: Route[] = []

  add(method: string, pattern: string, handler: Handler): this {
    this.#routes.push({ method, segments: pattern.split('/').filter((s) => s !== ''), handler })
    return this
  }

  /** The handler and parameters for a request; `allowed` lists the methods of a path that exists. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | { allowed: string[] } {
    const parts = path.split('/').filter((s) => s !== '')
    const allowed: string[] = []
    for (const r of this.#routes) {
      const params = matchSegments(r.segments, parts)
      if (params === undefined) continue
      if (r.method === method) return { handler: r.handler, params }
      allowed.push(r.method)
    }
    return { allowed }
  }
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!
    let part: string
    try {
      part = decodeURIComponent(parts[i]!)
    } catch {
      return undefined
    }
    if (p.startsWith(':')) params[p.slice(1)] = part
    else if (p !== part) return undefined
  }
  return params
}
