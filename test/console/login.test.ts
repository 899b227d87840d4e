/**
 * The console off loopback requires a login: started on a network address without one it
 * refuses to start; with a users file or SASL credentials checked against the broker, pages
 * send a visitor to /login, the API answers 401, a good login sets an HttpOnly SameSite=Strict
 * session cookie that opens both, and logging out closes them again.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startConsole, type RunningConsole } from '../../src/console/index.js'
import { PLAIN_JAAS, startSecureBroker, type SecureBroker } from '../security/helpers.js'

let b: SecureBroker
let dir: string

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-console-login-'))
  writeFileSync(join(dir, 'users.properties'), 'ops=ops-secret\n')
  b = await startSecureBroker('PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0', {
    'sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': PLAIN_JAAS,
  })
})
after(async () => {
  await b?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function http(c: RunningConsole, path: string, init: RequestInit = {}): Promise<Response> {
  // The console listens on every interface; reach it the way a remote browser would (not via localhost).
  return fetch(`http://127.0.0.1:${c.port}${path}`, { redirect: 'manual', ...init })
}

const form = (username: string, password: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username, password }).toString(),
})

async function signIn(c: RunningConsole, username: string, password: string): Promise<string | undefined> {
  const res = await http(c, '/login', form(username, password))
  if (res.status !== 303) return undefined
  const cookie = res.headers.get('set-cookie')!
  assert.match(cookie, /^samsa_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/)
  return cookie.split(';')[0]
}

test('off loopback without a login the console does not start', async () => {
  await assert.rejects(startConsole({ bootstrap: b.at('PLAINTEXT'), host: '0.0.0.0', port: 0 }), /would be open to the network: give it a login/)
})

test('a users file: pages go to /login, the API answers 401, a session cookie opens both, logout closes them', async () => {
  const c = await startConsole({ bootstrap: b.at('PLAINTEXT'), host: '0.0.0.0', port: 0, login: { usersFile: join(dir, 'users.properties') } })
  try {
    const page = await http(c, '/')
    assert.equal(page.status, 303)
    assert.equal(page.headers.get('location'), '/login')
    assert.equal((await http(c, '/api/overview')).status, 401)
    const loginPage = await http(c, '/login')
    assert.equal(loginPage.status, 200)
    assert.match(await loginPage.text(), /<form method="post" action="\/login">/)
    assert.equal(await signIn(c, 'ops', 'wrong'), undefined)
    const session = await signIn(c, 'ops', 'ops-secret')
    assert.ok(session !== undefined)
    const api = await http(c, '/api/overview', { headers: { cookie: session } })
    assert.equal(api.status, 200)
    // Another site cannot log a browser in (or out): its Origin is refused.
    const forged = await http(c, '/login', {
      ...form('ops', 'ops-secret'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
    })
    assert.equal(forged.status, 403)
    const out = await http(c, '/logout', { method: 'POST', headers: { cookie: session } })
    assert.equal(out.status, 303)
    assert.equal((await http(c, '/api/overview', { headers: { cookie: session } })).status, 401)
  } finally {
    await c.close()
  }
})

test('SASL: a login is what the broker accepts', async () => {
  const c = await startConsole({
    bootstrap: b.at('PLAINTEXT'),
    host: '0.0.0.0',
    port: 0,
    login: { saslMechanism: 'PLAIN' },
    loginTarget: { bootstrap: b.at('SASL_PLAINTEXT') },
  })
  try {
    assert.equal(await signIn(c, 'alice', 'nope'), undefined)
    const session = await signIn(c, 'alice', 'alice-secret')
    assert.ok(session !== undefined)
    assert.equal((await http(c, '/api/overview', { headers: { cookie: session } })).status, 200)
  } finally {
    await c.close()
  }
})

test('on loopback the console stays open, as before', async () => {
  const c = await startConsole({ bootstrap: b.at('PLAINTEXT'), host: '127.0.0.1', port: 0 })
  try {
    assert.equal((await fetch(`${c.url}api/overview`)).status, 200)
  } finally {
    await c.close()
  }
})
