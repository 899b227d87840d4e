/**
 * SASL as Kafka's SaslServerAuthenticator: PLAIN users from the listener's JAAS config, SCRAM
 * credentials managed with AlterUserScramCredentials, OAUTHBEARER JWTs checked against a JWKS,
 * SaslHandshake v0 (raw tokens, as kafka-python sends them) and v1, KIP-368 re-authentication.
 * Failures answer Kafka's errors (SASL_AUTHENTICATION_FAILED, UNSUPPORTED_SASL_MECHANISM), after
 * connection.failed.authentication.delay.ms, and close the connection; nothing but ApiVersions
 * and the SASL requests is served before authentication; fuzzed SASL frames never take the broker
 * down; the log never holds a password or a token.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { readFileSync } from 'node:fs'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { makeCerts, tlsBrokerConfig, type CertFiles } from '../support/certs.js'
import { RawConnection } from '../support/raw-client.js'
import { prng } from '../prng.js'
import { connect, leakedSecrets, PLAIN_JAAS, secret, startSecureBroker, upsertScram, type SecureBroker } from './helpers.js'

let certs: CertFiles
let b: SecureBroker
const SCRAM_PASSWORD = secret('carol-scram-secret-123')

before(async () => {
  certs = await makeCerts()
  b = await startSecureBroker('ADMIN://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0,REAUTH://127.0.0.1:0', {
    'listener.security.protocol.map': 'ADMIN:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,REAUTH:SASL_PLAINTEXT',
    ...tlsBrokerConfig(certs),
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
    'sasl.oauthbearer.jwks.endpoint.url': `file://${certs.jwks}`,
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': PLAIN_JAAS,
    'listener.name.sasl_ssl.plain.sasl.jaas.config': PLAIN_JAAS,
    'listener.name.reauth.sasl.enabled.mechanisms': 'PLAIN,OAUTHBEARER',
    'listener.name.reauth.plain.sasl.jaas.config': PLAIN_JAAS,
    'listener.name.reauth.connections.max.reauth.ms': '1500',
  })
  const admin = await connect(b.at('ADMIN'))
  await upsertScram(admin, 'carol', SCRAM_PASSWORD)
  await admin.close()
})
after(async () => {
  await b?.close()
  certs?.remove()
})

const tls = () => ({ ca: readFileSync(certs.ca) })

test('PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 authenticate over plaintext and TLS; wrong passwords fail with SASL_AUTHENTICATION_FAILED', async () => {
  for (const listener of ['SASL_PLAINTEXT', 'SASL_SSL']) {
    const t = listener === 'SASL_SSL' ? tls() : undefined
    const ok = [
      { mechanism: 'PLAIN' as const, username: 'alice', password: 'alice-secret' },
      { mechanism: 'SCRAM-SHA-256' as const, username: 'carol', password: SCRAM_PASSWORD },
      { mechanism: 'SCRAM-SHA-512' as const, username: 'carol', password: SCRAM_PASSWORD },
    ]
    for (const sasl of ok) {
      const c = await connect(b.at(listener), { tls: t, sasl })
      const md = await c.request('Metadata', { topics: null })
      assert.equal(md.brokers.length, 1)
      await c.close()
    }
    for (const sasl of [
      { mechanism: 'PLAIN' as const, username: 'alice', password: secret('wrong-pw-1') },
      { mechanism: 'PLAIN' as const, username: 'nobody', password: secret('wrong-pw-2') },
      { mechanism: 'SCRAM-SHA-256' as const, username: 'carol', password: secret('wrong-pw-3') },
      { mechanism: 'SCRAM-SHA-512' as const, username: 'nobody', password: secret('wrong-pw-4') },
    ]) {
      await assert.rejects(connect(b.at(listener), { tls: t, sasl }), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'SAMSA_CLIENT_AUTH')
        assert.match(err.message, sasl.mechanism === 'PLAIN' ? /Invalid username or password/ : /Invalid user credentials/)
        return true
      })
    }
  }
})

test('a failed authentication is answered after the delay, then the connection closes', async () => {
  const raw = await RawConnection.connect(b.at('SASL_PLAINTEXT'))
  const hs = await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
  assert.equal(hs.errorCode, 0)
  assert.deepEqual(hs.mechanisms, ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'])
  const started = Date.now()
  const res = await raw.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.from(`\u0000mallory\u0000${secret('brute-force-guess-1')}`) })
  assert.ok(Date.now() - started >= 15, 'answered before connection.failed.authentication.delay.ms')
  assert.equal(res.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED)
  assert.equal(res.errorMessage, 'Authentication failed: Invalid username or password')
  assert.equal(await raw.waitClosed(3000), true)
  // The log line names who tried (Kafka's "Failed authentication with <address>"), not the guess.
  const line = b
    .logs()
    .split('\n')
    .find((l) => l.includes('"principal":"User:mallory"'))
  assert.ok(line !== undefined, 'a failed authentication line names User:mallory')
  const entry = JSON.parse(line) as Record<string, unknown>
  assert.equal(entry.msg, 'failed authentication')
  assert.equal(entry.mechanism, 'PLAIN')
  assert.match(String(entry.remote), /^(::ffff:)?127\.0\.0\.1:\d+$/)
  // SCRAM names the user of its client-first message.
  await assert.rejects(connect(b.at('SASL_PLAINTEXT'), { sasl: { mechanism: 'SCRAM-SHA-512', username: 'trudy', password: secret('brute-force-guess-2') } }))
  assert.match(
    b.logs(),
    /"principal":"User:trudy","mechanism":"SCRAM-SHA-512","reason":"Authentication failed: Invalid user credentials","msg":"failed authentication"/,
  )
})

test('an unknown mechanism is refused with UNSUPPORTED_SASL_MECHANISM and the enabled list', async () => {
  const raw = await RawConnection.connect(b.at('SASL_PLAINTEXT'))
  const hs = await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'GSSAPI' })
  assert.equal(hs.errorCode, ErrorCode.UNSUPPORTED_SASL_MECHANISM)
  assert.deepEqual(hs.mechanisms, ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'])
  assert.equal(await raw.waitClosed(3000), true)
  await assert.rejects(
    connect(b.at('REAUTH'), { sasl: { mechanism: 'SCRAM-SHA-256', username: 'carol', password: SCRAM_PASSWORD } }),
    /does not enable SASL mechanism SCRAM-SHA-256 \(it enables PLAIN, OAUTHBEARER\)/,
  )
})

test('nothing but ApiVersions and SASL is served before authentication; SASL requests elsewhere say ILLEGAL_SASL_STATE', async () => {
  const raw = await RawConnection.connect(b.at('SASL_PLAINTEXT'))
  const av = await raw.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' })
  assert.equal(av.errorCode, 0)
  raw.writeRaw(raw.frame(ApiKey.Metadata, 1, { topics: null }))
  assert.equal(await raw.waitClosed(3000), true)
  assert.match(b.logs(), /unexpected Metadata request during SASL authentication/)
  // A PLAINTEXT listener has no SASL: KafkaApis answers ILLEGAL_SASL_STATE.
  const plain = await RawConnection.connect(b.at('ADMIN'))
  const hs = await plain.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
  assert.equal(hs.errorCode, ErrorCode.ILLEGAL_SASL_STATE)
  plain.close()
})

test('SaslHandshake v0 takes raw tokens (kafka-python): a PLAIN exchange, and a wrong password closes', async () => {
  const raw = await RawConnection.connect(b.at('SASL_PLAINTEXT'))
  const hs = await raw.request(ApiKey.SaslHandshake, 0, { mechanism: 'PLAIN' })
  assert.equal(hs.errorCode, 0)
  const token = Buffer.from('alice\u0000alice\u0000alice-secret')
  const size = Buffer.alloc(4)
  size.writeInt32BE(token.length)
  raw.writeRaw(Buffer.concat([size, token]))
  const answer = await raw.nextFrame(3000)
  assert.deepEqual(answer, { kind: 'frame', body: Buffer.alloc(0) })
  // Authenticated: Kafka requests are served again.
  const md = await raw.request(ApiKey.Metadata, 1, { topics: null })
  assert.equal(md.brokers.length, 1)
  raw.close()

  const bad = await RawConnection.connect(b.at('SASL_PLAINTEXT'))
  await bad.request(ApiKey.SaslHandshake, 0, { mechanism: 'PLAIN' })
  const wrong = Buffer.from(`\u0000alice\u0000${secret('not-it')}`)
  size.writeInt32BE(wrong.length)
  bad.writeRaw(Buffer.concat([size, wrong]))
  assert.equal(await bad.waitClosed(3000), true)
})

test('OAUTHBEARER accepts a JWT signed by the JWKS and refuses expired, foreign and unsigned tokens', async () => {
  const c = await connect(b.at('SASL_SSL'), { tls: tls(), sasl: { mechanism: 'OAUTHBEARER', token: async () => secret(await certs.token('dave')) } })
  await c.request('Metadata', { topics: null })
  await c.close()
  const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')
  const payload = Buffer.from(JSON.stringify({ sub: 'eve', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url')
  secret(payload)
  for (const token of [
    secret(await certs.token('dave', { expiresInSeconds: -120 })),
    secret(await certs.token('dave', { wrongKey: true })),
    `${header}.${payload}.`,
  ]) {
    await assert.rejects(
      connect(b.at('SASL_SSL'), { tls: tls(), sasl: { mechanism: 'OAUTHBEARER', token: () => token } }),
      /authentication with OAUTHBEARER .* failed: Authentication failed: invalid token/,
    )
  }
})

test('KIP-368: the session lifetime is connections.max.reauth.ms; an expired session is closed, re-authentication keeps it', async () => {
  const raw = await RawConnection.connect(b.at('REAUTH'))
  await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
  const res = await raw.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from('\u0000alice\u0000alice-secret') })
  assert.equal(res.errorCode, 0)
  assert.ok(res.sessionLifetimeMs > 0n && res.sessionLifetimeMs <= 1500n, `session lifetime ${res.sessionLifetimeMs}`)
  // Re-authenticate before the end: same mechanism, same principal.
  const again = await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
  assert.equal(again.errorCode, 0)
  const re = await raw.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from('\u0000alice\u0000alice-secret') })
  assert.equal(re.errorCode, 0)
  await raw.request(ApiKey.Metadata, 1, { topics: null })
  // Another principal cannot take the session over.
  await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
  const other = await raw.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from('\u0000bob\u0000bob-secret') })
  assert.equal(other.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED)
  assert.match(other.errorMessage, /Cannot change principals during re-authentication/)
  assert.equal(await raw.waitClosed(3000), true)

  // OAUTHBEARER: the session ends with the token, when that comes first (KIP-368).
  const oauth = await RawConnection.connect(b.at('REAUTH'))
  await oauth.request(ApiKey.SaslHandshake, 1, { mechanism: 'OAUTHBEARER' })
  const token = secret(await certs.token('dave', { expiresInSeconds: 1 }))
  const short = await oauth.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from(`n,,\u0001auth=Bearer ${token}\u0001\u0001`) })
  assert.equal(short.errorCode, 0)
  assert.ok(short.sessionLifetimeMs > 0n && short.sessionLifetimeMs <= 1000n, `session lifetime ${short.sessionLifetimeMs} with a token valid for 1 s`)
  oauth.close()

  // A session that ends without re-authentication: the next request closes the connection.
  const late = await connect(b.at('REAUTH'), { sasl: { mechanism: 'PLAIN', username: 'bob', password: 'bob-secret' } })
  await new Promise((r) => setTimeout(r, 1700))
  await assert.rejects(late.request('Metadata', { topics: null }), /closed/)
  assert.match(b.logs(), /SASL session expired without re-authentication/)
})

test('fuzzed SASL frames (handshakes, authenticate requests, raw tokens, SCRAM messages) never take the broker down, and are bounded', async () => {
  b.broker.running.eventLoopDelay.reset()
  const rnd = prng(1368)
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)))
  const mechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER']
  for (let i = 0; i < 60; i++) {
    const raw = await RawConnection.connect(b.at(i % 2 === 0 ? 'SASL_PLAINTEXT' : 'REAUTH'))
    const mechanism = mechanisms[i % mechanisms.length]!
    const version = i % 3 === 0 ? 0 : 1
    raw.writeRaw(raw.frame(ApiKey.SaslHandshake, version, { mechanism }))
    await raw.nextFrame(2000)
    for (let k = 0; k < 3 && !raw.closed; k++) {
      const token = i % 5 === 0 ? Buffer.from(`n,,n=carol,r=${bytes(8).toString('base64')}${k === 1 ? ',tokenauth=true' : ''}`) : bytes(Math.floor(rnd() * 200))
      if (version === 0) {
        const size = Buffer.alloc(4)
        size.writeInt32BE(rnd() < 0.2 ? 0x7ffffff0 : token.length)
        raw.writeRaw(Buffer.concat([size, token]))
      } else if (rnd() < 0.3) {
        // A garbage frame instead of a request.
        raw.writeRaw(Buffer.concat([Buffer.from([0, 0, 0, 12]), bytes(12)]))
      } else {
        raw.writeRaw(raw.frame(ApiKey.SaslAuthenticate, Math.floor(rnd() * 3), { authBytes: token }))
      }
      await raw.nextFrame(500)
    }
    raw.close()
  }
  // SCRAM's second message, well-formed up to a mutation, after a real first exchange.
  const b64 = (n: number) => bytes(n).toString('base64')
  for (let i = 0; i < 40; i++) {
    const raw = await RawConnection.connect(b.at('SASL_PLAINTEXT'))
    const mechanism = i % 2 === 0 ? 'SCRAM-SHA-256' : 'SCRAM-SHA-512'
    await raw.request(ApiKey.SaslHandshake, 1, { mechanism })
    const first = await raw.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from(`n,,n=carol,r=${b64(12)}`) })
    assert.equal(first.errorCode, 0)
    const nonce = /r=([^,]+)/.exec(first.authBytes.toString())![1]!
    const finals = [
      `c=biws,r=${nonce},p=${b64(Math.floor(rnd() * 100))}`,
      `c=${b64(Math.floor(rnd() * 40))},r=${nonce},p=${b64(32)}`,
      `c=biws,r=${nonce.slice(0, -1)},p=${b64(32)}`,
      `c=biws,r=${nonce},x=${bytes(8).toString('hex')},p=${b64(64)}`,
      `c=biws,r=${nonce}`,
      `c=biws,r=${nonce},p=${b64(300_000)}`,
      `c=biws,r=${nonce},p=${b64(32)}\u0000${bytes(4).toString('hex')}`,
    ]
    const res = await raw.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from(finals[i % finals.length]!) })
    assert.equal(res.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED, finals[i % finals.length]!.slice(0, 80))
    assert.equal(await raw.waitClosed(3000), true)
  }
  // Bounded: every fuzzed connection is gone from the broker's books, they hold no response
  // bytes, and none of it stalled the event loop (the broker's own delay histogram).
  const server = b.broker.running.server
  for (let i = 0; i < 50 && server.connections.size > 0; i++) await new Promise((r) => setTimeout(r, 100))
  assert.equal(server.connections.size, 0, 'fuzzed connections left open')
  assert.equal(server.memory.held, 0)
  assert.ok(b.broker.running.eventLoopDelay.max < 1e9, `event loop stalled ${(b.broker.running.eventLoopDelay.max / 1e6).toFixed(0)} ms`)
  const c = await connect(b.at('SASL_PLAINTEXT'), { sasl: { mechanism: 'SCRAM-SHA-256', username: 'carol', password: SCRAM_PASSWORD } })
  await c.request('Metadata', { topics: null })
  await c.close()
})

test("the log never holds a password or a token (at debug level; every security test checks its broker's log when it closes)", async () => {
  const token = secret(await certs.token('dave', { wrongKey: true }))
  await assert.rejects(connect(b.at('SASL_SSL'), { tls: tls(), sasl: { mechanism: 'OAUTHBEARER', token: () => token } }))
  const logs = b.logs()
  assert.match(logs, /failed authentication/)
  assert.match(logs, /"level":"debug"|"level":20/, 'the broker logs at debug level')
  assert.deepEqual(leakedSecrets(logs), [])
  // The check can fail: a line holding a secret is found.
  assert.deepEqual(leakedSecrets(`${logs}{"msg":"oops ${SCRAM_PASSWORD}"}`), [SCRAM_PASSWORD.slice(0, 12) + '...'])
})
