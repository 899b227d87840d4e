/**
 * Listeners that claim security are secured, or stop the broker at start with a message naming
 * them (issue 11.3): a missing or unreadable keystore, a wrong key password, no key at all, a
 * JKS file, GSSAPI (Kafka's default mechanism), PLAIN without users, OAUTHBEARER without a JWKS,
 * an unknown protocol. Several listeners at once, each advertised (Kafka's
 * listener.security.protocol.map); an SSL port does not speak plaintext.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startBroker } from '../../src/index.js'
import { makeCerts, tlsBrokerConfig, type CertFiles } from '../support/certs.js'
import { RawConnection } from '../support/raw-client.js'
import { connect, PLAIN_JAAS, startSecureBroker } from './helpers.js'
import { readFileSync } from 'node:fs'

let certs: CertFiles
before(async () => {
  certs = await makeCerts()
})
after(() => certs?.remove())

async function refused(config: Record<string, string>, pattern: RegExp): Promise<void> {
  await assert.rejects(startBroker({ config }), (err: Error) => {
    assert.match(err.message, pattern)
    return true
  })
}

test('a listener whose keys or protocol cannot be set up stops the broker, naming the listener', async () => {
  const ssl = { listeners: 'SSL://127.0.0.1:0' }
  await refused(
    { ...ssl, 'ssl.keystore.type': 'PEM', 'ssl.keystore.location': join(certs.dir, 'missing.pem') },
    /listener SSL: cannot read keystore \(ssl\.keystore\.location\) .*missing\.pem: ENOENT/,
  )
  await refused(ssl, /listener SSL: no key: set ssl\.keystore\.location/)
  await refused(
    { ...ssl, 'ssl.keystore.type': 'PKCS12', 'ssl.keystore.location': certs.brokerP12, 'ssl.keystore.password': 'wrong' },
    /listener SSL: cannot use the key and certificates/,
  )
  const jks = join(certs.dir, 'fake.jks')
  writeFileSync(jks, Buffer.from('feedfeed00000002', 'hex'))
  await refused({ ...ssl, 'ssl.keystore.location': jks }, /listener SSL: keystore .*fake\.jks is a JKS keystore.*convert it to PKCS12/)
  await refused(
    { ...ssl, ...tlsBrokerConfig(certs, 'required'), 'ssl.truststore.location': join(certs.dir, 'nope.pem') },
    /listener SSL: cannot read truststore/,
  )
  await refused(
    { listeners: 'SASL_PLAINTEXT://127.0.0.1:0' },
    /listener SASL_PLAINTEXT: SASL mechanism GSSAPI is not supported \(Kafka's default for sasl\.enabled\.mechanisms\)/,
  )
  await refused(
    { listeners: 'SASL_PLAINTEXT://127.0.0.1:0', 'sasl.enabled.mechanisms': 'PLAIN' },
    /listener SASL_PLAINTEXT: PLAIN needs its users: set listener\.name\.sasl_plaintext\.plain\.sasl\.jaas\.config/,
  )
  await refused(
    { listeners: 'SASL_SSL://127.0.0.1:0', ...tlsBrokerConfig(certs), 'sasl.enabled.mechanisms': 'OAUTHBEARER' },
    /listener SASL_SSL: OAUTHBEARER needs the keys that sign tokens/,
  )
  await refused(
    { listeners: 'SASL_SSL://127.0.0.1:0', 'sasl.enabled.mechanisms': 'PLAIN', 'listener.name.sasl_ssl.plain.sasl.jaas.config': PLAIN_JAAS },
    /listener SASL_SSL: no key/,
  )
  await refused({ listeners: 'CLIENT://127.0.0.1:0', 'listener.security.protocol.map': 'CLIENT:TLS' }, /listener CLIENT: unknown security protocol TLS/)
  await refused(
    {
      listeners: 'SASL_PLAINTEXT://127.0.0.1:0',
      'sasl.enabled.mechanisms': 'PLAIN',
      'listener.name.sasl_plaintext.plain.sasl.jaas.config': 'PlainLoginModule required user_a="x"',
    },
    /listener SASL_PLAINTEXT: listener\.name\.sasl_plaintext\.plain\.sasl\.jaas\.config: login module PlainLoginModule: missing ';'/,
  )
})

test('several listeners at once, each with its protocol, each advertised; an SSL port does not speak plaintext', async () => {
  const b = await startSecureBroker('PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0,SASL_SSL://127.0.0.1:0,INTERNAL://127.0.0.1:0', {
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,INTERNAL:SASL_PLAINTEXT',
    ...tlsBrokerConfig(certs),
    'sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.sasl_ssl.plain.sasl.jaas.config': PLAIN_JAAS,
    'listener.name.internal.plain.sasl.jaas.config': PLAIN_JAAS,
  })
  try {
    const tls = { ca: readFileSync(certs.ca) }
    const conns = [
      await connect(b.at('PLAINTEXT')),
      await connect(b.at('SSL'), { tls }),
      await connect(b.at('SASL_SSL'), { tls, sasl: { mechanism: 'PLAIN', username: 'alice', password: 'alice-secret' } }),
      await connect(b.at('INTERNAL'), { sasl: { mechanism: 'PLAIN', username: 'bob', password: 'bob-secret' } }),
    ]
    const names = ['PLAINTEXT', 'SSL', 'SASL_SSL', 'INTERNAL']
    for (const [i, c] of conns.entries()) {
      // Metadata advertises the listener the request came in on.
      const md = await c.request('Metadata', { topics: [], allowAutoTopicCreation: false })
      assert.deepEqual(
        md.brokers.map((x) => `${x.host}:${x.port}`),
        [b.at(names[i]!).replace('127.0.0.1', '127.0.0.1')],
      )
      await c.close()
    }
    // A plaintext ApiVersions on the SSL port is a TLS protocol error, never a Kafka answer.
    const raw = await RawConnection.connect(b.at('SSL'))
    raw.writeRaw(raw.frame(18, 0, {}))
    const f = await raw.nextFrame(3000)
    assert.notEqual(f.kind, 'frame')
    raw.close()
  } finally {
    await b.close()
  }
})
