/**
 * TLS listeners (node:tls) from Kafka's ssl.* settings: PEM keystores in one file or inline
 * (ssl.keystore.certificate.chain / ssl.keystore.key), PKCS12, ssl.client.auth=required and
 * requested with the certificate's subject as the principal (ssl.principal.mapping.rules),
 * untrusted and expired client certificates refused in the handshake, a broker certificate that
 * is expired or signed by an unknown CA refused by the clients, and a rotated keystore served to
 * new connections without a restart.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { execFileSync } from 'node:child_process'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { AclOperation as Op, PatternType, PermissionType, ResourceType as RT } from '../../src/security/acl.js'
import { makeCerts, tlsBrokerConfig, type CertFiles } from '../support/certs.js'
import kafkajs from 'kafkajs'
import { requireTool, tools } from '../support/env.js'
import { run } from '../support/process.js'
import { connect, startSecureBroker } from './helpers.js'

let certs: CertFiles
before(async () => {
  certs = await makeCerts()
})
after(() => certs?.remove())

const clientTls = (name?: 'alice' | 'bob' | 'untrusted' | 'expired') => {
  const o: Record<string, Buffer> = { ca: readFileSync(certs.ca) }
  if (name !== undefined) {
    o.cert = readFileSync(certs.client(name).cert)
    o.key = readFileSync(certs.client(name).key)
  }
  return o
}

test('mutual TLS: the certificate subject, mapped by ssl.principal.mapping.rules, is the principal; untrusted, expired and missing certificates are refused', async () => {
  const b = await startSecureBroker('SSL://127.0.0.1:0,OPTIONAL://127.0.0.1:0', {
    'listener.security.protocol.map': 'SSL:SSL,OPTIONAL:SSL',
    ...tlsBrokerConfig(certs, 'required'),
    'listener.name.optional.ssl.client.auth': 'requested',
    'ssl.principal.mapping.rules': 'RULE:^CN=([a-z]+),OU=Clients,O=Samsa,C=US$/$1/U,DEFAULT',
    'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer',
    'super.users': 'User:ALICE',
  })
  try {
    const alice = await connect(b.at('SSL'), { tls: clientTls('alice') })
    const created = await alice.request('CreateAcls', {
      creations: [
        {
          resourceType: RT.TOPIC,
          resourceName: 'b-',
          resourcePatternType: PatternType.PREFIXED,
          principal: 'User:BOB',
          host: '*',
          operation: Op.ALL,
          permissionType: PermissionType.ALLOW,
        },
      ],
    })
    assert.equal(created.results[0]!.errorCode, 0, 'alice (User:ALICE by the rule) is a super user')
    const ct = await alice.request('CreateTopics', {
      topics: [
        { name: 'b-topic', numPartitions: 1, replicationFactor: 1 },
        { name: 'a-topic', numPartitions: 1, replicationFactor: 1 },
      ],
      timeoutMs: 10000,
    })
    assert.deepEqual(
      ct.topics.map((t) => t.errorCode),
      [0, 0],
    )
    await alice.close()
    const bob = await connect(b.at('SSL'), { tls: clientTls('bob') })
    const md = await bob.request('Metadata', { topics: null })
    assert.deepEqual(
      md.topics.map((t) => t.name),
      ['b-topic'],
      'User:BOB sees what its ACLs let it describe',
    )
    await bob.close()
    for (const who of ['untrusted', 'expired', undefined] as const) {
      await assert.rejects(connect(b.at('SSL'), { tls: clientTls(who) }), `${who ?? 'no'} certificate`)
    }
    for (const [subject, reason] of [
      ['"subject":"CN=old,OU=Clients,O=Samsa,C=US",', 'CERT_HAS_EXPIRED'],
      ['"subject":"CN=mallory,O=Other,C=US",', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
      ['', 'no client certificate'],
    ]) {
      assert.match(b.logs(), new RegExp(`${subject}"reason":"${reason}[^"]*","msg":"failed authentication \\(client certificate\\)"`))
    }
    // requested: no certificate is User:ANONYMOUS (no ACLs: nothing visible); a bad one is still refused.
    const anon = await connect(b.at('OPTIONAL'), { tls: clientTls() })
    const none = await anon.request('Metadata', { topics: [{ name: 'b-topic' }] })
    assert.equal(none.topics[0]!.errorCode, ErrorCode.TOPIC_AUTHORIZATION_FAILED)
    await anon.close()
    await assert.rejects(async () => {
      const c = await connect(b.at('OPTIONAL'), { tls: clientTls('untrusted') })
      await c.request('Metadata', { topics: null })
    })
  } finally {
    await b.close()
  }
})

test('keystores: inline PEM (ssl.keystore.certificate.chain and ssl.keystore.key) and PKCS12', async () => {
  const inline = await startSecureBroker('SSL://127.0.0.1:0', {
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.certificate.chain': readFileSync(certs.brokerCert, 'utf8'),
    'ssl.keystore.key': readFileSync(certs.brokerKey, 'utf8'),
  })
  const p12 = await startSecureBroker('SSL://127.0.0.1:0', {
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': certs.brokerP12,
    'ssl.keystore.password': 'storepass',
  })
  try {
    for (const b of [inline, p12]) {
      const c = await connect(b.at('SSL'), { tls: clientTls() })
      await c.request('Metadata', { topics: null })
      await c.close()
    }
    assert.equal(inline.logs().includes('PRIVATE KEY'), false, 'the key is never logged')
  } finally {
    await inline.close()
    await p12.close()
  }
})

test('a rotated keystore is served to new connections without a restart', async () => {
  const keystore = join(certs.dir, 'rotating.pem')
  copyFileSync(certs.brokerKeystore, keystore)
  const b = await startSecureBroker('SSL://127.0.0.1:0', { ...tlsBrokerConfig(certs), 'ssl.keystore.location': keystore })
  const subject = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port: Number(b.at('SSL').split(':')[1]), ca: readFileSync(certs.ca), servername: 'localhost' }, () => {
        resolve(s.getPeerX509Certificate()!.subject)
        s.destroy()
      })
      s.on('error', reject)
    })
  try {
    assert.match(await subject(), /O=Samsa/)
    // A new certificate for the same host, signed by the same CA.
    execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rot.key', '-out', 'rot.csr', '-subj', '/C=US/O=Rotated/CN=localhost'], {
      cwd: certs.dir,
      stdio: 'ignore',
    })
    writeFileSync(join(certs.dir, 'rot.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
    execFileSync(
      'openssl',
      ['x509', '-req', '-in', 'rot.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'rot.pem', '-days', '2', '-extfile', 'rot.ext'],
      { cwd: certs.dir, stdio: 'ignore' },
    )
    writeFileSync(keystore + '.new', readFileSync(join(certs.dir, 'rot.pem'), 'utf8') + readFileSync(join(certs.dir, 'rot.key'), 'utf8'))
    const { renameSync } = await import('node:fs')
    renameSync(keystore + '.new', keystore)
    let seen = ''
    for (let i = 0; i < 40 && !seen.includes('O=Rotated'); i++) {
      await new Promise((r) => setTimeout(r, 100))
      seen = await subject()
    }
    assert.match(seen, /O=Rotated/)
    assert.match(b.logs(), /reloaded the TLS keystore and truststore/)
  } finally {
    await b.close()
  }
})

test('clients refuse a broker whose certificate is expired or signed by a CA they do not trust', async () => {
  const b = await startSecureBroker('EXPIRED://127.0.0.1:0,UNTRUSTED://127.0.0.1:0', {
    'listener.security.protocol.map': 'EXPIRED:SSL,UNTRUSTED:SSL',
    ...tlsBrokerConfig(certs),
    'listener.name.expired.ssl.keystore.location': certs.brokerExpiredKeystore,
    'listener.name.untrusted.ssl.keystore.location': certs.brokerUntrustedKeystore,
  })
  const { Kafka, logLevel } = kafkajs
  try {
    for (const [listener, reason] of [
      ['EXPIRED', /certificate has expired|CERT_HAS_EXPIRED/],
      ['UNTRUSTED', /unable to verify|self[- ]signed|UNABLE_TO_VERIFY_LEAF_SIGNATURE/],
    ] as const) {
      await assert.rejects(connect(b.at(listener), { tls: clientTls() }), reason, `samsa's client on ${listener}`)
      const admin = new Kafka({
        brokers: [b.at(listener)],
        ssl: { ca: [readFileSync(certs.ca, 'utf8')] },
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
        connectionTimeout: 5000,
      }).admin()
      await assert.rejects(admin.connect(), reason, `kafkajs on ${listener}`)
      await admin.disconnect()
      if (requireTool(tools.kcat()) === false) {
        const r = await run('kcat', ['-b', b.at(listener), '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${certs.ca}`, '-L', '-m', '5'], {
          timeoutMs: 30_000,
        })
        assert.notEqual(r.code, 0, `kcat on ${listener}`)
        assert.match(r.stderr, /certificate verify failed|SSL handshake failed/, `kcat on ${listener}`)
      }
    }
  } finally {
    await b.close()
  }
})
