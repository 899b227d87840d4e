/**
 * The console's HTTP server: `/api/...` goes to the router, everything else to the built UI.
 *
 * Requests are checked before any handler runs, because a console on localhost is reachable
 * from every web page the same browser opens:
 * - When bound to a loopback address, the Host header must name a loopback host (DNS
 *   rebinding would otherwise let a foreign page read the API).
 * - Reachable from the network, it needs a login (auth.ts): pages without a session go to
 *   /login, API calls answer 401.
 * - Requests that change something must send JSON (`content-type: application/json`, which a
 *   cross-origin page cannot send without a CORS preflight that this server never answers) and,
 *   if they carry an Origin, it must be this server's own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { toJson, readBody } from './json.js'
import { Reply, STREAMED, type ApiRequest, type Router } from './router.js'
import { badRequest, toHttpError } from './errors.js'
import type { StaticFiles } from './static-files.js'
import type { ConsoleContext } from './context.js'
import { loginPage, type ConsoleAuth } from './auth.js'

const MAX_BODY = 2 * 1024 * 1024
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '')
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || (isIP(h) === 4 && h.startsWith('127.'))
}

function hostName(hostHeader: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(hostHeader)
  return (m?.[1] ?? hostHeader).toLowerCase()
}

export function createConsoleServer(ctx: ConsoleContext, router: Router, files: StaticFiles, boundHost: string, auth?: ConsoleAuth): Server {
  const loopbackOnly = isLoopback(boundHost)
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      ctx.log.error({ err }, 'console: request failed')
      if (!res.headersSent) send(res, 500, { error: { message: 'internal error', code: 'SAMSA_CONSOLE_INTERNAL' } })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console.invalid')
    const method = req.method ?? 'GET'
    const host = String(req.headers.host ?? '')
    if (loopbackOnly && !isLoopback(hostName(host))) {
      send(res, 403, { error: { message: `Host "${host}" is not allowed; open the console through localhost`, code: 'SAMSA_CONSOLE_FORBIDDEN' } })
      return
    }
    if (auth !== undefined && !(await authorized(auth, req, res, url.pathname, method, host))) return
    if (!url.pathname.startsWith('/api/')) {
      if ((method === 'GET' || method === 'HEAD') && files.serve(req, res, url.pathname)) return
      if (method === 'GET' && !files.built && url.pathname === '/') {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('The console UI is not built; run `npm run build`.\n')
        return
      }
      send(res, 404, { error: { message: `no such page: ${url.pathname}`, code: 'SAMSA_CONSOLE_NOT_FOUND' } })
      return
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = req.headers.origin
      if (origin !== undefined && origin !== 'null' && safeHost(origin) !== host) {
        send(res, 403, { error: { message: `cross-origin request from ${origin} refused`, code: 'SAMSA_CONSOLE_FORBIDDEN' } })
        return
      }
      if (method !== 'DELETE' && !/^application\/json\b/.test(String(req.headers['content-type'] ?? ''))) {
        send(res, 415, { error: { message: 'send JSON (content-type: application/json)', code: 'SAMSA_CONSOLE_BAD_REQUEST' } })
        return
      }
    }
    const found = router.match(method === 'HEAD' ? 'GET' : method, url.pathname)
    if ('allowed' in found) {
      if (found.allowed.length > 0) {
        res.setHeader('allow', found.allowed.join(', '))
        send(res, 405, { error: { message: `${method} is not allowed here`, code: 'SAMSA_CONSOLE_BAD_REQUEST' } })
      } else send(res, 404, { error: { message: `no such API: ${url.pathname}`, code: 'SAMSA_CONSOLE_NOT_FOUND' } })
      return
    }
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    const api: ApiRequest = {
      method,
      path: url.pathname,
      params: found.params,
      query: url.searchParams,
      raw: req,
      res,
      signal: abort.signal,
      async json() {
        const body = await readBody(req, MAX_BODY)
        if (body === undefined) throw badRequest(`request body larger than ${MAX_BODY} bytes`)
        if (body.length === 0) return {}
        let parsed: unknown
        try {
          parsed = JSON.parse(body.toString('utf8'))
        } catch {
          throw badRequest('request body is not valid JSON')
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('request body must be a JSON object')
        return parsed as Record<string, unknown>
      },
    }
    try {
      const result = await found.handler(api)
      if (result === STREAMED) return
      if (result instanceof Reply) send(res, result.status, result.body)
      else send(res, 200, result ?? {})
    } catch (err) {
      const { status, body } = toHttpError(err, ctx.bootstrap)
      if (status >= 500 && status !== 503) ctx.log.warn({ err, path: url.pathname }, 'console: API error')
      if (res.headersSent) {
        res.end()
        return
      }
      send(res, status, body)
    }
  }
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host
  } catch {
    return ''
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = toJson(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(res.req.method === 'HEAD' ? undefined : text)
}

/** Login, logout, and the session check; false when the request was answered here. */
async function authorized(auth: ConsoleAuth, req: IncomingMessage, res: ServerResponse, path: string, method: string, host: string): Promise<boolean> {
  if (path === '/login' || path === '/logout') {
    const origin = req.headers.origin
    if (method === 'POST' && origin !== undefined && origin !== 'null' && safeHost(origin) !== host) {
      send(res, 403, { error: { message: `cross-origin request from ${origin} refused`, code: 'SAMSA_CONSOLE_FORBIDDEN' } })
      return false
    }
    if (path === '/logout' && method === 'POST') auth.logout(req, res)
    else if (path === '/login' && method === 'POST') {
      const body = await readBody(req, 16 * 1024)
      await auth.login(req, res, body === undefined ? '' : body.toString('utf8'))
    } else if (path === '/login' && (method === 'GET' || method === 'HEAD')) loginPage(res, 200)
    else send(res, 405, { error: { message: `${method} is not allowed here`, code: 'SAMSA_CONSOLE_BAD_REQUEST' } })
    return false
  }
  if (auth.user(req) !== undefined) return true
  if (path.startsWith('/api/')) send(res, 401, { error: { message: 'sign in first', code: 'SAMSA_CONSOLE_UNAUTHENTICATED' } })
  else {
    res.writeHead(303, { location: '/login' })
    res.end()
  }
  return false
}
