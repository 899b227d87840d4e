/**
 * Brokers of a ZooKeeper cluster talk to each other over the inter-broker listener with its
 * security (Kafka's inter.broker.listener.name, sasl.mechanism.inter.broker.protocol and the
 * listener's JAAS credentials): here three brokers on SASL_SSL with PLAIN, ACLs on, the broker
 * principal a super user. The controller's LeaderAndIsr and UpdateMetadata and the followers'
 * replica fetches (CLUSTER_ACTION) go over it, so a topic with three replicas and
 * min.insync.replicas=3 takes acks=all records from a client on SASL_SSL, which reads them back;
 * a client principal gets CLUSTER_AUTHORIZATION_FAILED for every broker-only API.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { makeCerts, type CertFiles } from '../support/certs.js'
import { readFileSync } from 'node:fs'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { connect, upsertScram } from './helpers.js'
import { AclOperation as Op, PatternType, PermissionType, ResourceType as RT } from '../../src/security/acl.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
// The brokers log at debug: none of it may hold a password.
process.env.SAMSA_TEST_BROKER_LOG_LEVEL ??= 'debug'

const skip = skipWithoutZooKeeper()
let certs: CertFiles | undefined
let cluster: TestCluster | undefined
if (skip === false) {
  certs = await makeCerts()
  cluster = await startTestCluster({
    zookeepers: 1,
    brokers: 3,
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
      'listener.name.internal.plain.sasl.jaas.config':
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="broker-secret" user_broker="broker-secret" user_alice="alice-secret";',
      'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer',
      'super.users': 'User:broker;User:ANONYMOUS',
    },
  })
}
after(() => certs?.remove())

const acl = (resourceType: number, resourceName: string, operation: number) => ({
  resourceType,
  resourceName,
  resourcePatternType: PatternType.LITERAL,
  principal: 'User:alice',
  host: '*',
  operation,
  permissionType: PermissionType.ALLOW,
})

test('three brokers on SASL_SSL: the controller and the replica fetchers authenticate; a client on SASL_SSL produces acks=all to RF=3 and consumes', {
  skip,
}, async () => {
  const c = cluster!
  const first = await connect(c.brokers[0]!.bootstrap)
  const { controllerId } = await first.request('Metadata', { topics: [] })
  await first.close()
  const admin = await connect(c.broker(controllerId).bootstrap)
  const created = await admin.request('CreateTopics', {
    topics: [{ name: 'replicated', numPartitions: 3, replicationFactor: 3, assignments: [], configs: [{ name: 'min.insync.replicas', value: '3' }] }],
    timeoutMs: 30000,
    validateOnly: false,
  })
  assert.equal(created.topics[0]!.errorCode, 0, created.topics[0]!.errorMessage ?? '')
  const acls = [acl(RT.TOPIC, 'replicated', Op.WRITE), acl(RT.TOPIC, 'replicated', Op.READ), acl(RT.GROUP, 'g-replicated', Op.READ)]
  const made = await admin.request('CreateAcls', { creations: acls })
  for (const r of made.results) assert.equal(r.errorCode, 0)
  await admin.close()
  // Every broker has the ACLs (from ZooKeeper) and every partition all three replicas in sync:
  // the followers fetched from their leaders over SASL_SSL.
  for (const b of c.brokers) {
    const conn = await connect(b.bootstrap)
    await eventually(`the ACLs and a full ISR on broker ${b.id}`, async () => {
      const d = await conn.request('DescribeAcls', {
        resourceTypeFilter: RT.ANY,
        resourceNameFilter: null,
        patternTypeFilter: PatternType.ANY,
        principalFilter: 'User:alice',
        hostFilter: null,
        operation: Op.ANY,
        permissionType: PermissionType.ANY,
      })
      const md = await conn.request('Metadata', { topics: [{ name: 'replicated' }] })
      const parts = md.topics[0]?.partitions ?? []
      return d.resources.length === 2 && parts.length === 3 && parts.every((p) => p.isrNodes.length === 3)
    })
    await conn.close()
  }
  const kafka = new Kafka({
    clientId: 'samsa-inter-broker',
    brokers: [internalAddress(c, 0)],
    ssl: { ca: [readFileSync(certs!.ca, 'utf8')] },
    sasl: { mechanism: 'plain', username: 'alice', password: 'alice-secret' },
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  })
  const producer = kafka.producer()
  await producer.connect()
  const values = Array.from({ length: 30 }, (_, i) => `r${i}`)
  await producer.send({ topic: 'replicated', acks: -1, messages: values.map((value, i) => ({ partition: i % 3, value })) })
  await producer.disconnect()
  const consumer = kafka.consumer({ groupId: 'g-replicated' })
  await consumer.connect()
  await consumer.subscribe({ topic: 'replicated', fromBeginning: true })
  const got: string[] = []
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumed ${got.length} of ${values.length}`)), 60_000)
    void consumer
      .run({
        eachMessage: async ({ message }) => {
          got.push(message.value!.toString())
          if (got.length === values.length) {
            clearTimeout(timer)
            resolve()
          }
        },
      })
      .catch(reject)
  })
  await consumer.disconnect()
  assert.deepEqual(got.sort(), [...values].sort())
  for (const b of c.brokers) {
    assert.doesNotMatch(b.output, /SAMSA_INTER_BROKER|failed authentication|CLUSTER_AUTHORIZATION_FAILED/, `broker ${b.id}`)
    assert.match(b.output, /"level":"debug"/, `broker ${b.id} logs at debug`)
    for (const secret of ['broker-secret', 'alice-secret']) assert.equal(b.output.includes(secret), false, `broker ${b.id} logged ${secret}`)
  }
})

test("a client principal gets CLUSTER_AUTHORIZATION_FAILED for the brokers' own APIs (CLUSTER_ACTION, as KafkaApis)", { skip }, async () => {
  const c = cluster!
  const alice = await connect(internalAddress(c, 1), {
    tls: { ca: readFileSync(certs!.ca) },
    sasl: { mechanism: 'PLAIN', username: 'alice', password: 'alice-secret' },
  })
  try {
    const calls: Array<[number, number, unknown]> = [
      [
        ApiKey.LeaderAndIsr,
        5,
        {
          controllerId: 1,
          isKRaftController: false,
          controllerEpoch: 99,
          brokerEpoch: -1n,
          type: 0,
          ungroupedPartitionStates: [],
          topicStates: [],
          liveLeaders: [],
        },
      ],
      [
        ApiKey.UpdateMetadata,
        7,
        {
          controllerId: 1,
          isKRaftController: false,
          type: 0,
          controllerEpoch: 99,
          brokerEpoch: -1n,
          ungroupedPartitionStates: [],
          topicStates: [],
          liveBrokers: [],
        },
      ],
      [
        ApiKey.StopReplica,
        3,
        {
          controllerId: 1,
          isKRaftController: false,
          controllerEpoch: 99,
          brokerEpoch: -1n,
          deletePartitions: true,
          ungroupedPartitions: [],
          topics: [],
          topicStates: [{ topicName: 'replicated', partitionStates: [{ partitionIndex: 0, leaderEpoch: 99, deletePartition: true }] }],
        },
      ],
      [ApiKey.ControlledShutdown, 3, { brokerId: 1, brokerEpoch: -1n }],
      [ApiKey.AlterPartition, 2, { brokerId: 1, brokerEpoch: -1n, topics: [] }],
    ]
    for (const [key, version, body] of calls) {
      const res = (await alice.send(key, version, body)) as { errorCode: number }
      assert.equal(res.errorCode, ErrorCode.CLUSTER_AUTHORIZATION_FAILED, `API ${key}`)
    }
  } finally {
    await alice.close()
  }
  // Nothing was applied: the partitions are still there, led and fully in sync.
  const admin = await connect(c.brokers[1]!.bootstrap)
  const md = await admin.request('Metadata', { topics: [{ name: 'replicated' }] })
  assert.deepEqual(
    md.topics[0]!.partitions.map((p) => p.isrNodes.length),
    [3, 3, 3],
  )
  await admin.close()
})

/** Where broker `i` listens on INTERNAL, from its "broker started" log line. */
function internalAddress(c: TestCluster, i: number): string {
  for (const line of c.brokers[i]!.output.split('\n')) {
    if (!line.includes('broker started')) continue
    const ep = (JSON.parse(line) as { endpoints: Array<{ listenerName: string; host: string; port: number }> }).endpoints.find(
      (e) => e.listenerName === 'INTERNAL',
    )
    if (ep !== undefined) return `${ep.host}:${ep.port}`
  }
  throw new Error(`no INTERNAL endpoint in broker ${i}'s log`)
}

test('SCRAM credentials and ACLs live in ZooKeeper: made through one broker, used and seen on another', { skip }, async () => {
  const c = cluster!
  const one = await connect(c.brokers[0]!.bootstrap)
  await upsertScram(one, 'dora', 'dora-secret', ['SCRAM-SHA-256'])
  const created = await one.request('CreateAcls', {
    creations: [
      {
        resourceType: RT.TOPIC,
        resourceName: 'shared',
        resourcePatternType: PatternType.PREFIXED,
        principal: 'User:dora',
        host: '*',
        operation: Op.READ,
        permissionType: PermissionType.ALLOW,
      },
    ],
  })
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
    const r = await two.request('DescribeAcls', {
      resourceTypeFilter: RT.TOPIC,
      resourceNameFilter: null,
      patternTypeFilter: PatternType.ANY,
      principalFilter: 'User:dora',
      hostFilter: null,
      operation: Op.ANY,
      permissionType: PermissionType.ANY,
    })
    return r.resources.length > 0 ? r.resources : false
  })
  assert.deepEqual(
    acls.map((r) => `${r.resourceName}/${r.patternType}`),
    ['shared/4'],
  )
  await two.close()
})
