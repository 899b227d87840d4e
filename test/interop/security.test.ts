/**
 * Every client here connects to secured listeners, produces and consumes: kafka-python 2.0.2
 * (SaslHandshake v0 with raw tokens), confluent-kafka-python and kcat (librdkafka 2.0.2),
 * kafkajs 2.2.4 and @platformatic/kafka, each over TLS, mutual TLS, and SASL PLAIN,
 * SCRAM-SHA-256 and SCRAM-SHA-512 over TLS (kafka-python and kafkajs also OAUTHBEARER); a wrong
 * password is refused with each client's authentication error (each of the five).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { readFileSync } from 'node:fs'
import { Kafka, logLevel, type SASLOptions } from 'kafkajs'
import { Consumer as PConsumer, Producer as PProducer, stringDeserializers, stringSerializers } from '@platformatic/kafka'
import { makeCerts, tlsBrokerConfig, type CertFiles } from '../support/certs.js'
import { PYTHON, requireTool, sourcePath, tools } from '../support/env.js'
import { run, runOk } from '../support/process.js'
import { connect, PLAIN_JAAS, secret, startSecureBroker, upsertScram, type SecureBroker } from '../security/helpers.js'

const skip = requireTool(tools.kafkaPython() ?? tools.confluentKafka() ?? tools.kcat())
let certs: CertFiles
let b: SecureBroker
let topicNo = 0

interface Mode {
  name: string
  listener: string
  protocol: 'SSL' | 'SASL_SSL'
  mechanism?: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER'
  mtls?: boolean
}

const MODES: Mode[] = [
  { name: 'TLS', listener: 'SSL', protocol: 'SSL' },
  { name: 'mutual TLS', listener: 'MTLS', protocol: 'SSL', mtls: true },
  { name: 'SASL PLAIN over TLS', listener: 'SASL_SSL', protocol: 'SASL_SSL', mechanism: 'PLAIN' },
  { name: 'SCRAM-SHA-256 over TLS', listener: 'SASL_SSL', protocol: 'SASL_SSL', mechanism: 'SCRAM-SHA-256' },
  { name: 'SCRAM-SHA-512 over TLS', listener: 'SASL_SSL', protocol: 'SASL_SSL', mechanism: 'SCRAM-SHA-512' },
]
const OAUTH: Mode = { name: 'OAUTHBEARER over TLS', listener: 'SASL_SSL', protocol: 'SASL_SSL', mechanism: 'OAUTHBEARER' }
const USER = 'alice'
const PASSWORD = 'alice-secret'

before(async () => {
  if (skip !== false) return
  certs = await makeCerts()
  b = await startSecureBroker('ADMIN://127.0.0.1:0,SSL://127.0.0.1:0,MTLS://127.0.0.1:0,SASL_SSL://127.0.0.1:0', {
    'listener.security.protocol.map': 'ADMIN:PLAINTEXT,SSL:SSL,MTLS:SSL,SASL_SSL:SASL_SSL',
    ...tlsBrokerConfig(certs),
    'listener.name.mtls.ssl.client.auth': 'required',
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
    'listener.name.sasl_ssl.plain.sasl.jaas.config': PLAIN_JAAS,
    'sasl.oauthbearer.jwks.endpoint.url': `file://${certs.jwks}`,
  })
  const admin = await connect(b.at('ADMIN'))
  await upsertScram(admin, USER, PASSWORD)
  await admin.close()
})
after(async () => {
  await b?.close()
  certs?.remove()
})

async function newTopic(): Promise<string> {
  const topic = `secure-${++topicNo}`
  const admin = await connect(b.at('ADMIN'))
  const r = await admin.request('CreateTopics', { topics: [{ name: topic, numPartitions: 1, replicationFactor: 1 }], timeoutMs: 10000 })
  assert.equal(r.topics[0]!.errorCode, 0)
  await admin.close()
  return topic
}

const values = (m: Mode) => [1, 2, 3].map((i) => `${m.name} #${i}`)

async function python(client: 'kafka-python' | 'confluent', m: Mode, topic: string, password = PASSWORD): Promise<{ values?: string[]; error?: string }> {
  const security = {
    protocol: m.protocol,
    mechanism: m.mechanism,
    username: USER,
    password,
    token: m.mechanism === 'OAUTHBEARER' ? secret(await certs.token(USER)) : undefined,
    cafile: certs.ca,
    certfile: m.mtls === true ? certs.client('alice').cert : undefined,
    keyfile: m.mtls === true ? certs.client('alice').key : undefined,
  }
  const r = await runOk(PYTHON, [sourcePath('test/interop/py/secure_client.py')], {
    input: JSON.stringify({ client, bootstrap: b.at(m.listener), topic, values: values(m), security }),
    timeoutMs: 90_000,
  })
  const lines = r.stdout.toString().trim().split('\n')
  return JSON.parse(lines[lines.length - 1]!)
}

function kafkajsClient(m: Mode, password = PASSWORD): Kafka {
  const ssl = {
    ca: [readFileSync(certs.ca, 'utf8')],
    ...(m.mtls === true ? { cert: readFileSync(certs.client('alice').cert, 'utf8'), key: readFileSync(certs.client('alice').key, 'utf8') } : {}),
  }
  let sasl: SASLOptions | undefined
  if (m.mechanism === 'OAUTHBEARER') sasl = { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: secret(await certs.token(USER)) }) }
  else if (m.mechanism !== undefined) sasl = { mechanism: m.mechanism.toLowerCase() as 'plain', username: USER, password }
  return new Kafka({ clientId: 'samsa-secure', brokers: [b.at(m.listener)], ssl, sasl, logLevel: logLevel.NOTHING, retry: { retries: 1 } })
}

for (const m of [...MODES, OAUTH]) {
  test(`kafka-python over ${m.name}: produce and consume`, { skip: skip === false ? requireTool(tools.kafkaPython()) : skip }, async () => {
    const topic = await newTopic()
    assert.deepEqual(await python('kafka-python', m, topic), { values: values(m) })
  })
}

for (const m of MODES) {
  test(`confluent-kafka-python over ${m.name}: produce and consume`, { skip: skip === false ? requireTool(tools.confluentKafka()) : skip }, async () => {
    const topic = await newTopic()
    assert.deepEqual(await python('confluent', m, topic), { values: values(m) })
  })
}

for (const m of MODES) {
  test(`kcat over ${m.name}: produce and consume`, { skip: skip === false ? requireTool(tools.kcat()) : skip }, async () => {
    const topic = await newTopic()
    const x = ['-X', `security.protocol=${m.protocol}`, '-X', `ssl.ca.location=${certs.ca}`]
    if (m.mtls === true) x.push('-X', `ssl.certificate.location=${certs.client('alice').cert}`, '-X', `ssl.key.location=${certs.client('alice').key}`)
    if (m.mechanism !== undefined) x.push('-X', `sasl.mechanisms=${m.mechanism}`, '-X', `sasl.username=${USER}`, '-X', `sasl.password=${PASSWORD}`)
    await runOk('kcat', ['-b', b.at(m.listener), ...x, '-P', '-t', topic, '-p', '0'], { input: values(m).join('\n') + '\n', timeoutMs: 60_000 })
    const out = await runOk('kcat', ['-b', b.at(m.listener), ...x, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q'], { timeoutMs: 60_000 })
    assert.deepEqual(out.stdout.toString().trim().split('\n'), values(m))
  })
}

for (const m of [...MODES, OAUTH]) {
  test(`kafkajs over ${m.name}: produce and consume`, { skip }, async () => {
    const topic = await newTopic()
    const kafka = kafkajsClient(m)
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic, messages: values(m).map((value) => ({ value, partition: 0 })) })
    await producer.disconnect()
    const consumer = kafka.consumer({ groupId: `g-${topic}` })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const got: string[] = []
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kafkajs consumed ${got.length}`)), 30_000)
      void consumer
        .run({
          eachMessage: async ({ message }) => {
            got.push(message.value!.toString())
            if (got.length === 3) {
              clearTimeout(timer)
              resolve()
            }
          },
        })
        .catch(reject)
    })
    await consumer.disconnect()
    assert.deepEqual(got, values(m))
  })
}

for (const m of MODES) {
  test(`@platformatic/kafka over ${m.name}: produce and consume`, { skip }, async () => {
    const topic = await newTopic()
    const tls = {
      ca: readFileSync(certs.ca),
      ...(m.mtls === true ? { cert: readFileSync(certs.client('alice').cert), key: readFileSync(certs.client('alice').key) } : {}),
    }
    const sasl = m.mechanism === undefined ? undefined : { mechanism: m.mechanism as 'PLAIN', username: USER, password: PASSWORD }
    const base = { clientId: 'samsa-secure', bootstrapBrokers: [b.at(m.listener)], tls, tlsServerName: 'localhost', sasl, retries: 1, requestTimeout: 10_000 }
    const producer = new PProducer({ ...base, serializers: stringSerializers })
    await producer.send({ messages: values(m).map((value) => ({ topic, value, partition: 0 })) })
    await producer.close()
    const consumer = new PConsumer({ ...base, groupId: `g-${topic}`, deserializers: stringDeserializers, maxWaitTime: 500 })
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest' })
    const got: string[] = []
    for await (const message of stream) {
      got.push(message.value as string)
      if (got.length === 3) break
    }
    await stream.close()
    await consumer.close()
    assert.deepEqual(got, values(m))
  })
}

test("a wrong password is refused with each client's authentication error", { skip }, async () => {
  secret('wrong-password')
  const m = MODES[3]!
  const topic = await newTopic()
  if (tools.kafkaPython() === null)
    assert.match((await python('kafka-python', m, topic, 'wrong-password')).error ?? '', /AuthenticationFailedError|KafkaConnectionError|NoBrokersAvailable/)
  if (tools.confluentKafka() === null)
    assert.match(
      (await python('confluent', m, topic, 'wrong-password')).error ?? '',
      /Authentication failed|SASL authentication error|Invalid user credentials/,
    )
  if (tools.kcat() === null) {
    const r = await run(
      'kcat',
      [
        '-b',
        b.at(m.listener),
        '-X',
        'security.protocol=SASL_SSL',
        '-X',
        `ssl.ca.location=${certs.ca}`,
        '-X',
        'sasl.mechanisms=SCRAM-SHA-256',
        '-X',
        'sasl.username=alice',
        '-X',
        'sasl.password=wrong',
        '-L',
        '-m',
        '10',
      ],
      { timeoutMs: 30_000 },
    )
    assert.notEqual(r.code, 0)
    assert.match(r.stderr, /Authentication failed|SASL authentication error/)
  }
  const kafka = kafkajsClient(m, 'wrong-password')
  const producer = kafka.producer()
  await assert.rejects(producer.connect(), (err: Error) => /SASL SCRAM SHA256 authentication failed|Invalid user credentials/.test(err.message))
  const pproducer = new PProducer({
    clientId: 'samsa-secure',
    bootstrapBrokers: [b.at(m.listener)],
    tls: { ca: readFileSync(certs.ca) },
    tlsServerName: 'localhost',
    sasl: { mechanism: 'SCRAM-SHA-256', username: USER, password: 'wrong-password' },
    retries: 0,
    requestTimeout: 10_000,
    serializers: stringSerializers,
  })
  const failure = await pproducer.send({ messages: [{ topic, value: 'x', partition: 0 }] }).then(
    () => null,
    (err: Error) => err,
  )
  await pproducer.close()
  assert.ok(failure !== null, '@platformatic/kafka produced with a wrong password')
  // The client wraps the broker's answer: "Cannot connect to any broker" <- "Connection failed" <- the SASL error.
  const messages = (e: unknown): string[] => {
    if (e === null || typeof e !== 'object') return []
    const x = e as { message?: string; cause?: unknown; errors?: unknown[] }
    return [x.message ?? '', ...messages(x.cause), ...(x.errors ?? []).flatMap(messages)]
  }
  assert.match(messages(failure).join(' | '), /SASL_AUTHENTICATION_FAILED|Authentication failed|Invalid user credentials/i, messages(failure).join(' | '))
  assert.equal(b.logs().includes('wrong-password'), false)
})
