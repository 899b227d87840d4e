/**
 * `samsa` commands against a secured cluster take Kafka's client properties with
 * --command-config (security.protocol, the PEM trust store, sasl.mechanism and sasl.jaas.config),
 * as Kafka's tools do; without them a SASL_SSL listener does not answer.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeCerts, tlsBrokerConfig, type CertFiles } from '../support/certs.js'
import { samsa } from '../cli/helpers.js'
import { connect, PLAIN_JAAS, startSecureBroker, upsertScram, type SecureBroker } from './helpers.js'

let certs: CertFiles
let b: SecureBroker

before(async () => {
  certs = await makeCerts()
  b = await startSecureBroker('ADMIN://127.0.0.1:0,SASL_SSL://127.0.0.1:0', {
    'listener.security.protocol.map': 'ADMIN:PLAINTEXT,SASL_SSL:SASL_SSL',
    ...tlsBrokerConfig(certs),
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-512',
    'listener.name.sasl_ssl.plain.sasl.jaas.config': PLAIN_JAAS,
  })
  const admin = await connect(b.at('ADMIN'))
  await upsertScram(admin, 'carol', 'carol-secret', ['SCRAM-SHA-512'])
  await admin.close()
})
after(async () => {
  await b?.close()
  certs?.remove()
})

test('every command works against a SASL_SSL listener with --command-config', async () => {
  const props = join(certs.dir, 'client.properties')
  writeFileSync(
    props,
    [
      'security.protocol=SASL_SSL',
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${certs.ca}`,
      'sasl.mechanism=SCRAM-SHA-512',
      'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="carol" password="carol-secret";',
    ].join('\n') + '\n',
  )
  const bootstrap = b.at('SASL_SSL')
  const cc = ['--command-config', props]
  let r = await samsa(['topics', 'create', 'secured', '--partitions', '1', ...cc], { bootstrap })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['produce', 'secured', ...cc], { bootstrap, input: 'one\ntwo\n' })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['consume', 'secured', '--from-beginning', '--max-messages', '2', ...cc], { bootstrap })
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(r.stdout.trim().split('\n'), ['one', 'two'])
  r = await samsa(['topics', 'list', ...cc], { bootstrap })
  assert.match(r.stdout, /secured/)
  // PLAIN through the same file format.
  writeFileSync(
    props,
    `security.protocol=SASL_SSL\nssl.truststore.location=${certs.ca}\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";\n`,
  )
  r = await samsa(['topics', 'describe', 'secured', ...cc], { bootstrap })
  assert.equal(r.code, 0, r.stderr)
  // A wrong password says so.
  writeFileSync(
    props,
    `security.protocol=SASL_SSL\nssl.truststore.location=${certs.ca}\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="nope";\n`,
  )
  r = await samsa(['topics', 'list', ...cc], { bootstrap })
  assert.notEqual(r.code, 0)
  assert.match(r.stderr, /Invalid username or password/)
})
