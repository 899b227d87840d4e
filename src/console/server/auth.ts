/**
 * The console's login. On loopback the console is open (it already refuses foreign Host
 * headers); reachable from the network it requires a login: a user of the console's users file
 * (`user=password` lines), or a username and password the cluster accepts over SASL (the
 * console authenticates a connection with them). A session is a random id in an HttpOnly,
 * SameSite=Strict cookie, kept in memory and forgotten after SESSION_IDLE_MS unused; failed
 * logins wait a little, against guessing, and are logged without the password.
 */
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readPropertiesFile } from '../../config/properties.js'
import { Connection, type ConnectionOptions } from '../../client/index.js'
import type { Logger } from '../../logger.js'

const SESSION_COOKIE = 'samsa_session'
const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
const FAILED_LOGIN_DELAY_MS = 500
const MAX_SESSIONS = 10_000

export interface ConsoleLogin {
  /** `user=password` lines (a properties file) */
  usersFile?: string
  /** check logins by authenticating to the cluster with this SASL mechanism */
  saslMechanism?: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'
}

export interface SaslCheckTarget {
  bootstrap: string
  tls?: ConnectionOptions['tls']
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

export class ConsoleAuth {
  readonly #users: ReadonlyMap<string, string> | undefined
  readonly #sasl: ConsoleLogin['saslMechanism']
  readonly #target: SaslCheckTarget
  readonly #log: Logger
  readonly #sessions = new Map<string, { user: string; lastUsed: number }>()

  constructor(login: ConsoleLogin, target: SaslCheckTarget, log: Logger) {
    this.#users = login.usersFile === undefined ? undefined : readPropertiesFile(login.usersFile)
    this.#sasl = login.saslMechanism
    this.#target = target
    this.#log = log
    if (this.#users === undefined && this.#sasl === undefined) throw new Error('a login needs a users file or a SASL mechanism')
  }

  /** The user of the request's session, or undefined. */
  user(req: IncomingMessage): string | undefined {
    const id = cookie(req, SESSION_COOKIE)
    if (id === undefined) return undefined
    const s = this.#sessions.get(id)
    const now = Date.now()
    if (s === undefined || now - s.lastUsed > SESSION_IDLE_MS) {
      this.#sessions.delete(id)
      return undefined
    }
    s.lastUsed = now
    return s.user
  }

  async #check(user: string, password: string): Promise<boolean> {
    if (this.#users !== undefined) {
      const expected = this.#users.get(user)
      if (expected !== undefined && timingSafeEqual(digest(expected), digest(password))) return true
    }
    if (this.#sasl !== undefined) {
      const [first] = this.#target.bootstrap.split(',')
      const at = first!.lastIndexOf(':')
      try {
        const c = await Connection.connect({
          host: first!.slice(0, at).replace(/^\[|\]$/g, ''),
          port: Number(first!.slice(at + 1)),
          clientId: 'samsa-console-login',
          connectTimeoutMs: 5000,
          tls: this.#target.tls,
          sasl: { mechanism: this.#sasl, username: user, password },
        })
        await c.close()
        return true
      } catch (err) {
        this.#log.debug({ err: (err as Error).message, user }, 'console: SASL login refused')
      }
    }
    return false
  }

  /** POST /login (a form): sets the session cookie and goes to the console, or shows the form again. */
  async login(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const form = new URLSearchParams(body)
    const user = form.get('username') ?? ''
    const password = form.get('password') ?? ''
    if (user === '' || !(await this.#check(user, password))) {
      this.#log.info({ user, remote: req.socket.remoteAddress }, 'console: failed login')
      await new Promise((r) => setTimeout(r, FAILED_LOGIN_DELAY_MS))
      loginPage(res, 401, 'Wrong username or password.')
      return
    }
    if (this.#sessions.size >= MAX_SESSIONS) this.#expire()
    const id = randomBytes(32).toString('base64url')
    this.#sessions.set(id, { user, lastUsed: Date.now() })
    this.#log.info({ user, remote: req.socket.remoteAddress }, 'console: login')
    res.writeHead(303, { location: '/', 'set-cookie': `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`, 'cache-control': 'no-store' })
    res.end()
  }

  logout(req: IncomingMessage, res: ServerResponse): void {
    const id = cookie(req, SESSION_COOKIE)
    if (id !== undefined) this.#sessions.delete(id)
    res.writeHead(303, { location: '/login', 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` })
    res.end()
  }

  #expire(): void {
    const now = Date.now()
    for (const [id, s] of this.#sessions) if (now - s.lastUsed > SESSION_IDLE_MS) this.#sessions.delete(id)
    // Still full: the oldest go.
    for (const id of this.#sessions.keys()) {
      if (this.#sessions.size < MAX_SESSIONS) break
      this.#sessions.delete(id)
    }
  }
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function loginPage(res: ServerResponse, status: number, message = ''): void {
  const note = message === '' ? '' : `<p class="error">${message}</p>`
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' })
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Samsa console: sign in</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0;background:#f5f5f7}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;display:grid;gap:.75rem;min-width:18rem}
.error{color:#b00020;margin:0}</style></head>
<body><form method="post" action="/login"><h1>Samsa console</h1>${note}
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></body></html>`)
}
