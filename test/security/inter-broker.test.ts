/**
 * Brokers of a ZooKeeper cluster talk to each other over the inter-broker listener with its
 * security (Kafka's inter.broker.listener.name, sasl.mechanism.inter.broker.protocol and the
 * listener's JAAS credentials): here SASL_SSL with PLAIN, and ACLs on, the broker principal a
 * super user. The controller's LeaderAndIsr and UpdateMetadata reach every broker (they need
 * CLUSTER_ACTION), so a topic's partitions led by both brokers take records and serve them.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { makeCerts, type CertFiles } from '../support/certs.js'
import { readFileSync } from 'node:fs'
import { connect, upsertScram } from './helpers.js'
import { AclOperation as Op, PatternType, PermissionType, ResourceType as RT } from '../../src/security/acl.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const skip = skipWithoutZooKeeper()
let certs: CertFiles | undefined
let cluster: TestCluster | undefined
if (skip === false) {
  certs = await makeCerts()
  cluster = await startTestCluster({
    zookeepers: 1,
    brokers: 2,
    config: {
      listeners: 'PLAINTEXT://127.0.0.1:{port},INTERNAL://127.0.0.1:0',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,INTERNAL:SASL_SSL',
      'inter.broker.listener.name': 'INTERNAL',
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': certs.brokerKeystore,
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': certs.ca,
      'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256',
      'sasl.mechanism.inter.broker.protocol': 'PLAIN',
      'listener.name.internal.plain.sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="broker-secret" user_broker="broker-secret";',
      'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer',
      'super.users': 'User:broker;User:ANONYMOUS',
    },
  })
}
after(() => certs?.remove())

test('the controller reaches the other broker over SASL_SSL; partitions led by both serve records', { skip }, async () => {
  const c = cluster!
  const kafka = new Kafka({ clientId: 'samsa-inter-broker', brokers: c.bootstrap().split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'spread', numPartitions: 4, replicationFactor: 1 }], waitForLeaders: true })
  const leaders = await eventually('leaders on both brokers', async () => {
    const md = await admin.fetchTopicMetadata({ topics: ['spread'] })
    const ids = new Set(md.topics[0]!.partitions.map((p) => p.leader))
    return ids.size === 2 && !ids.has(-1) ? ids : false
  })
  assert.deepEqual([...leaders].sort(), [1, 2])
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic: 'spread', messages: [0, 1, 2, 3].map((p) => ({ partition: p, value: `v${p}` })) })
  await producer.disconnect()
  for (const b of c.brokers) assert.doesNotMatch(b.output, /SAMSA_INTER_BROKER|failed authentication|CLUSTER_AUTHORIZATION_FAILED/)
})

/** Where broker `i` listens on INTERNAL, from its "broker started" log line. */
function internalAddress(c: TestCluster, i: number): string {
  for (const line of c.brokers[i]!.output.split('\n')) {
    if (!line.includes('broker started')) continue
    const ep = (JSON.parse(line) as { endpoints: Array<{ listenerName: string, host: string, port: number }> }).endpoints.find((e) => e.listenerName === 'INTERNAL')
    if (ep !== undefined) return `${ep.host}:${ep.port}`
  }
  throw new Error(`no INTERNAL endpoint in broker ${i}'s log`)
}

test('SCRAM credentials and ACLs live in ZooKeeper: made through one broker, used and seen on another', { skip }, async () => {
  const c = cluster!
  const one = await connect(c.brokers[0]!.bootstrap)
  await upsertScram(one, 'dora', 'dora-secret', ['SCRAM-SHA-256'])
  const created = await one.request('CreateAcls', { creations: [{ resourceType: RT.TOPIC, resourceName: 'shared', resourcePatternType: PatternType.PREFIXED, principal: 'User:dora', host: '*', operation: Op.READ, permissionType: PermissionType.ALLOW }] })
  assert.equal(created.results[0]!.errorCode, 0)
  await one.close()
  // Broker 2 learned the credential through /config/changes: dora authenticates there.
  const tls = { ca: readFileSync(certs!.ca) }
  const dora = await eventually('dora authenticates on broker 2', async () => {
    try {
      return await connect(internalAddress(c, 1), { tls, sasl: { mechanism: 'SCRAM-SHA-256', username: 'dora', password: 'dora-secret' } })
    } catch {
      return false
    }
  })
  await dora.close()
  const two = await connect(c.brokers[1]!.bootstrap)
  const acls = await eventually('the ACL on broker 2', async () => {
    const r = await two.request('DescribeAcls', { resourceTypeFilter: RT.TOPIC, resourceNameFilter: null, patternTypeFilter: PatternType.ANY, principalFilter: 'User:dora', hostFilter: null, operation: Op.ANY, permissionType: PermissionType.ANY })
    return r.resources.length > 0 ? r.resources : false
  })
  assert.deepEqual(acls.map((r) => `${r.resourceName}/${r.patternType}`), ['shared/4'])
  await two.close()
})
