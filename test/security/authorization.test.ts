/**
 * Authorization over the APIs, table-driven, as Kafka's KafkaApis checks them (each row names the
 * resource and operation Kafka asks for and the error it answers): a principal without the ACL
 * gets the authorization error, the same principal with the ACL is served, a super user is
 * always served. Kafka's ACL rules: deny wins over allow, prefixed and wildcard patterns,
 * allow.everyone.if.no.acl.found, Metadata hides topics a principal may not describe, the
 * authorized operations fields, and ACLs kept across a restart.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { AclOperation as Op, PatternType, PermissionType, ResourceType as RT } from '../../src/security/acl.js'
import type { Connection } from '../../src/client/index.js'
import { encodeBatch } from '../support/records.js'
import { connect, PLAIN_JAAS, startSecureBroker, type SecureBroker } from './helpers.js'

const AUTH_ERRORS = new Set<number>([
  ErrorCode.TOPIC_AUTHORIZATION_FAILED,
  ErrorCode.GROUP_AUTHORIZATION_FAILED,
  ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
  ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
])
const T = 'orders'
const G = 'billing'
const TXN = 'txn-1'

let b: SecureBroker
let admin: Connection

before(async () => {
  b = await startSecureBroker('SASL_PLAINTEXT://127.0.0.1:0', {
    'sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': PLAIN_JAAS,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': 'User:admin',
    'offsets.topic.num.partitions': '1',
  })
  admin = await as('admin')
  const ct = await admin.request('CreateTopics', {
    topics: [
      { name: T, numPartitions: 1, replicationFactor: 1 },
      { name: 'doomed', numPartitions: 1, replicationFactor: 1 },
      { name: 'secret', numPartitions: 1, replicationFactor: 1 },
    ],
    timeoutMs: 10000,
  })
  for (const t of ct.topics) assert.equal(t.errorCode, 0)
})
after(async () => {
  await admin?.close()
  await b?.close()
})

function as(user: 'admin' | 'alice' | 'bob'): Promise<Connection> {
  return connect(b.at('SASL_PLAINTEXT'), { sasl: { mechanism: 'PLAIN', username: user, password: `${user}-secret` } })
}

function acl(
  resourceType: number,
  resourceName: string,
  operation: number,
  principal = 'User:alice',
  permissionType: number = PermissionType.ALLOW,
  patternType: number = PatternType.LITERAL,
) {
  return { resourceType, resourceName, resourcePatternType: patternType, principal, host: '*', operation, permissionType }
}

async function createAcls(creations: Array<ReturnType<typeof acl>>): Promise<void> {
  const res = await admin.request('CreateAcls', { creations })
  for (const r of res.results) assert.equal(r.errorCode, 0, r.errorMessage ?? '')
}

/** Every errorCode in a response, however deep. */
function errorCodes(x: unknown, out = new Set<number>()): Set<number> {
  if (Array.isArray(x)) for (const v of x) errorCodes(v, out)
  else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'errorCode' || k === 'partitionErrorCode') && typeof v === 'number') out.add(v)
      else errorCodes(v, out)
    }
  }
  return out
}

interface Row {
  api: keyof typeof ApiKey
  /** what Kafka checks: the ACLs that let alice in */
  grants: Array<ReturnType<typeof acl>>
  denied: number
  body: (v: number) => unknown
  minVersion?: number
  maxVersion?: number
}

const records = () => encodeBatch([{ key: Buffer.from('k'), value: Buffer.from('v') }])
const idempotent = () => encodeBatch([{ key: Buffer.from('k'), value: Buffer.from('v') }], { producerId: 7n, producerEpoch: 0, baseSequence: 0 })

const ROWS: Row[] = [
  {
    api: 'Produce',
    grants: [acl(RT.TOPIC, T, Op.WRITE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: T, partitionData: [{ index: 0, records: records() }] }] }),
  },
  {
    api: 'Produce',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.WRITE)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: TXN, acks: 1, timeoutMs: 5000, topicData: [{ name: T, partitionData: [{ index: 0, records: records() }] }] }),
  },
  {
    api: 'Produce',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.IDEMPOTENT_WRITE), acl(RT.TOPIC, 'doomed', Op.WRITE)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'doomed', partitionData: [{ index: 0, records: idempotent() }] }] }),
  },
  {
    api: 'Fetch',
    grants: [acl(RT.TOPIC, T, Op.READ)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: T, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n }] }],
      forgottenTopicsData: [],
      rackId: '',
    }),
    maxVersion: 12,
  },
  {
    api: 'ListOffsets',
    grants: [acl(RT.TOPIC, T, Op.DESCRIBE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ replicaId: -1, isolationLevel: 0, topics: [{ name: T, partitions: [{ partitionIndex: 0, timestamp: -1n, currentLeaderEpoch: -1 }] }] }),
  },
  {
    api: 'Metadata',
    grants: [acl(RT.TOPIC, T, Op.DESCRIBE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topics: [{ name: T }], allowAutoTopicCreation: false }),
  },
  {
    api: 'Metadata',
    grants: [
      acl(RT.TOPIC, 'fresh-', Op.DESCRIBE, 'User:alice', PermissionType.ALLOW, PatternType.PREFIXED),
      acl(RT.TOPIC, 'fresh-', Op.CREATE, 'User:alice', PermissionType.ALLOW, PatternType.PREFIXED),
    ],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topics: [{ name: 'fresh-auto' }], allowAutoTopicCreation: true }),
  },
  {
    api: 'OffsetCommit',
    grants: [acl(RT.GROUP, G, Op.READ), acl(RT.TOPIC, T, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({
      groupId: G,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1n,
      topics: [{ name: T, partitions: [{ partitionIndex: 0, committedOffset: 0n, committedLeaderEpoch: -1, committedMetadata: '' }] }],
    }),
  },
  {
    api: 'OffsetFetch',
    grants: [acl(RT.GROUP, G, Op.DESCRIBE), acl(RT.TOPIC, T, Op.DESCRIBE)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({
      groupId: G,
      topics: [{ name: T, partitionIndexes: [0] }],
      groups: [{ groupId: G, topics: [{ name: T, partitionIndexes: [0] }] }],
      requireStable: false,
    }),
  },
  {
    api: 'FindCoordinator',
    grants: [acl(RT.GROUP, G, Op.DESCRIBE)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ key: G, keyType: 0, coordinatorKeys: [G] }),
  },
  {
    api: 'FindCoordinator',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.DESCRIBE)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ key: TXN, keyType: 1, coordinatorKeys: [TXN] }),
    minVersion: 1,
  },
  {
    api: 'JoinGroup',
    grants: [acl(RT.GROUP, G, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({
      groupId: G,
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 10000,
      memberId: 'unknown-member',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
      reason: null,
    }),
  },
  {
    api: 'Heartbeat',
    grants: [acl(RT.GROUP, G, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groupId: G, generationId: 1, memberId: 'm', groupInstanceId: null }),
  },
  {
    api: 'LeaveGroup',
    grants: [acl(RT.GROUP, G, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groupId: G, memberId: 'm', members: [{ memberId: 'm', groupInstanceId: null, reason: null }] }),
  },
  {
    api: 'SyncGroup',
    grants: [acl(RT.GROUP, G, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groupId: G, generationId: 1, memberId: 'm', groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] }),
  },
  {
    api: 'DescribeGroups',
    grants: [acl(RT.GROUP, G, Op.DESCRIBE)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groups: [G], includeAuthorizedOperations: true }),
  },
  {
    api: 'CreateTopics',
    grants: [acl(RT.TOPIC, 'created', Op.CREATE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({
      topics: [{ name: 'created', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 10000,
      validateOnly: false,
    }),
  },
  {
    api: 'CreatePartitions',
    grants: [acl(RT.TOPIC, T, Op.ALTER)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topics: [{ name: T, count: 2, assignments: null }], timeoutMs: 10000, validateOnly: true }),
  },
  {
    api: 'DeleteRecords',
    grants: [acl(RT.TOPIC, T, Op.DELETE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topics: [{ name: T, partitions: [{ partitionIndex: 0, offset: 0n }] }], timeoutMs: 5000 }),
  },
  {
    api: 'InitProducerId',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.IDEMPOTENT_WRITE)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 }),
  },
  {
    api: 'InitProducerId',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.WRITE)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: TXN, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 }),
  },
  {
    api: 'OffsetForLeaderEpoch',
    grants: [acl(RT.TOPIC, T, Op.DESCRIBE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ replicaId: -1, topics: [{ topic: T, partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }] }),
  },
  {
    api: 'DescribeConfigs',
    grants: [acl(RT.TOPIC, T, Op.DESCRIBE_CONFIGS)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ resources: [{ resourceType: 2, resourceName: T, configurationKeys: null }], includeSynonyms: false, includeDocumentation: false }),
  },
  {
    api: 'DescribeConfigs',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.DESCRIBE_CONFIGS)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({
      resources: [{ resourceType: 4, resourceName: '1', configurationKeys: ['num.partitions'] }],
      includeSynonyms: false,
      includeDocumentation: false,
    }),
  },
  {
    api: 'AlterConfigs',
    grants: [acl(RT.TOPIC, T, Op.ALTER_CONFIGS)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ resources: [{ resourceType: 2, resourceName: T, configs: [{ name: 'retention.ms', value: '100000' }] }], validateOnly: true }),
  },
  {
    api: 'IncrementalAlterConfigs',
    grants: [acl(RT.TOPIC, T, Op.ALTER_CONFIGS)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({
      resources: [{ resourceType: 2, resourceName: T, configs: [{ name: 'retention.ms', configOperation: 0, value: '100000' }] }],
      validateOnly: true,
    }),
  },
  {
    api: 'DescribeLogDirs',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.DESCRIBE)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ topics: null }),
    minVersion: 3,
  },
  {
    api: 'DeleteGroups',
    grants: [acl(RT.GROUP, 'other-group', Op.DELETE)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groupsNames: ['other-group'] }),
  },
  {
    api: 'OffsetDelete',
    grants: [acl(RT.GROUP, G, Op.DELETE), acl(RT.TOPIC, T, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groupId: G, topics: [{ name: T, partitions: [{ partitionIndex: 0 }] }] }),
  },
  {
    api: 'DescribeProducers',
    grants: [acl(RT.TOPIC, T, Op.READ)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topics: [{ name: T, partitionIndexes: [0] }] }),
  },
  {
    api: 'ConsumerGroupHeartbeat',
    grants: [acl(RT.GROUP, 'g848', Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({
      groupId: 'g848',
      memberId: 'abcdefghijklmnopqrstuv',
      memberEpoch: 0,
      instanceId: null,
      rackId: null,
      rebalanceTimeoutMs: 10000,
      subscribedTopicNames: [T],
      subscribedTopicRegex: null,
      serverAssignor: null,
      topicPartitions: [],
    }),
  },
  {
    api: 'ConsumerGroupDescribe',
    grants: [acl(RT.GROUP, G, Op.DESCRIBE)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({ groupIds: [G], includeAuthorizedOperations: true }),
  },
  {
    api: 'DescribeTopicPartitions',
    grants: [acl(RT.TOPIC, T, Op.DESCRIBE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topics: [{ name: T }], responsePartitionLimit: 100, cursor: null }),
  },
  {
    api: 'DescribeAcls',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.DESCRIBE)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({
      resourceTypeFilter: RT.ANY,
      resourceNameFilter: null,
      patternTypeFilter: PatternType.ANY,
      principalFilter: null,
      hostFilter: null,
      operation: Op.ANY,
      permissionType: PermissionType.ANY,
    }),
  },
  {
    api: 'DescribeClientQuotas',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.DESCRIBE_CONFIGS)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ components: [], strict: false }),
  },
  {
    api: 'AlterClientQuotas',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.ALTER_CONFIGS)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({
      entries: [{ entity: [{ entityType: 'client-id', entityName: 'x' }], ops: [{ key: 'producer_byte_rate', value: 1024, remove: false }] }],
      validateOnly: true,
    }),
  },
  {
    api: 'DescribeUserScramCredentials',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.DESCRIBE)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ users: null }),
  },
  {
    api: 'AlterUserScramCredentials',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.ALTER)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ deletions: [{ name: 'nobody', mechanism: 1 }], upsertions: [] }),
  },
  {
    api: 'AddPartitionsToTxn',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.WRITE), acl(RT.TOPIC, T, Op.WRITE)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ v3AndBelowTransactionalId: TXN, v3AndBelowProducerId: 1n, v3AndBelowProducerEpoch: 0, v3AndBelowTopics: [{ name: T, partitions: [0] }] }),
    maxVersion: 3,
  },
  {
    api: 'AddPartitionsToTxn',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.CLUSTER_ACTION)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ transactions: [{ transactionalId: TXN, producerId: 1n, producerEpoch: 0, verifyOnly: true, topics: [{ name: T, partitions: [0] }] }] }),
    minVersion: 4,
  },
  {
    api: 'AddOffsetsToTxn',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.WRITE), acl(RT.GROUP, G, Op.READ)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: TXN, producerId: 1n, producerEpoch: 0, groupId: G }),
  },
  {
    api: 'EndTxn',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.WRITE)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ transactionalId: TXN, producerId: 1n, producerEpoch: 0, committed: false }),
  },
  {
    api: 'WriteTxnMarkers',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.CLUSTER_ACTION)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({
      markers: [{ producerId: 1n, producerEpoch: 0, transactionResult: false, topics: [{ name: T, partitionIndexes: [0] }], coordinatorEpoch: 0 }],
    }),
  },
  {
    api: 'TxnOffsetCommit',
    grants: [acl(RT.GROUP, G, Op.READ), acl(RT.TRANSACTIONAL_ID, TXN, Op.WRITE), acl(RT.TOPIC, T, Op.READ)],
    denied: ErrorCode.GROUP_AUTHORIZATION_FAILED,
    body: () => ({
      transactionalId: TXN,
      groupId: G,
      producerId: 1n,
      producerEpoch: 0,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: T, partitions: [{ partitionIndex: 0, committedOffset: 0n, committedLeaderEpoch: -1, committedMetadata: null }] }],
    }),
  },
  {
    api: 'DescribeTransactions',
    grants: [acl(RT.TRANSACTIONAL_ID, TXN, Op.DESCRIBE)],
    denied: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
    body: () => ({ transactionalIds: [TXN] }),
  },
  // A replica's fetch needs CLUSTER_ACTION (KafkaApis.handleFetchRequest answers TOPIC_AUTHORIZATION_FAILED).
  {
    api: 'Fetch',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.CLUSTER_ACTION)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({
      replicaId: 7,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: T, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n }] }],
      forgottenTopicsData: [],
      rackId: '',
    }),
    maxVersion: 12,
  },
  {
    api: 'CreateAcls',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.ALTER)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ creations: [acl(RT.TOPIC, 'acl-made', Op.READ, 'User:carol')] }),
  },
  {
    api: 'DeleteAcls',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.ALTER)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({
      filters: [
        {
          resourceTypeFilter: RT.TOPIC,
          resourceNameFilter: 'acl-made',
          patternTypeFilter: PatternType.LITERAL,
          principalFilter: 'User:carol',
          hostFilter: null,
          operation: Op.ANY,
          permissionType: PermissionType.ANY,
        },
      ],
    }),
  },
  {
    api: 'ElectLeaders',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.ALTER)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ electionType: 0, topicPartitions: [{ topic: T, partitions: [0] }], timeoutMs: 5000 }),
  },
  {
    api: 'AlterPartitionReassignments',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.ALTER)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ timeoutMs: 5000, topics: [{ name: T, partitions: [{ partitionIndex: 0, replicas: null }] }] }),
  },
  {
    api: 'ListPartitionReassignments',
    grants: [acl(RT.CLUSTER, 'kafka-cluster', Op.DESCRIBE)],
    denied: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
    body: () => ({ timeoutMs: 5000, topics: null }),
  },
  // LeaderAndIsr, UpdateMetadata, StopReplica, ControlledShutdown and AlterPartition exist in a
  // ZooKeeper cluster only: test/security/inter-broker.test.ts checks their CLUSTER_ACTION.
  // Last: it removes the topic.
  {
    api: 'DeleteTopics',
    grants: [acl(RT.TOPIC, 'doomed', Op.DELETE)],
    denied: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
    body: () => ({ topicNames: ['doomed'], topics: [{ name: 'doomed', topicId: '00000000-0000-0000-0000-000000000000' }], timeoutMs: 10000 }),
  },
]

async function call(c: Connection, row: Row): Promise<Set<number>> {
  const key = ApiKey[row.api]
  const v = c.versionFor(key, {
    ...(row.minVersion === undefined ? {} : { minVersion: row.minVersion }),
    ...(row.maxVersion === undefined ? {} : { maxVersion: row.maxVersion }),
  })
  return errorCodes(await c.send(key, v, row.body(v)))
}

test('every protected API refuses a principal without the ACL and serves it with the ACL (KafkaApis)', async () => {
  const alice = await as('alice')
  const bob = await as('bob')
  try {
    for (const row of ROWS) {
      const codes = await call(alice, row)
      assert.ok(codes.has(row.denied), `${row.api} without ACLs: expected ${row.denied}, got ${[...codes].join(',')}`)
    }
    // ListGroups lists nothing alice may not describe; Metadata for all topics hides them.
    const md = await alice.request('Metadata', { topics: null })
    assert.deepEqual(
      md.topics.map((t) => t.name),
      [],
    )
    for (const row of ROWS) {
      await createAcls(row.grants)
      const codes = await call(alice, row)
      const auth = [...codes].filter((c) => AUTH_ERRORS.has(c))
      assert.deepEqual(auth, [], `${row.api} with ${JSON.stringify(row.grants.map((g) => [g.resourceName, g.operation]))}: got ${[...codes].join(',')}`)
    }
    // Bob has no ACLs: still refused everywhere (the DeleteTopics row's topic is gone by now).
    for (const row of ROWS.slice(0, -1)) {
      const codes = await call(bob, row)
      assert.ok(codes.has(row.denied), `${row.api} as bob: expected ${row.denied}, got ${[...codes].join(',')}`)
    }
    const visible = await alice.request('Metadata', { topics: null })
    assert.deepEqual(visible.topics.map((t) => t.name).sort(), ['fresh-auto', T])
    // ListGroups and ListTransactions list only what the principal may describe (DESCRIBE on the
    // cluster lists every group), as KafkaApis filters them.
    const groups = async (c: Connection) => (await c.request('ListGroups', { statesFilter: [], typesFilter: [] })).groups.map((g) => g.groupId).sort()
    assert.ok((await groups(admin)).includes(G), `admin lists ${(await groups(admin)).join(',')}`)
    assert.deepEqual(await groups(bob), [])
    assert.deepEqual(
      await groups(alice),
      (await groups(admin)).filter((g) => [G, 'g848', 'other-group'].includes(g)),
    )
    const txns = async (c: Connection) =>
      (await c.request('ListTransactions', { stateFilters: [], producerIdFilters: [], durationFilter: -1n })).transactionStates.map((t) => t.transactionalId)
    assert.deepEqual(await txns(admin), [TXN])
    assert.deepEqual(await txns(bob), [])
    assert.deepEqual(await txns(alice), [TXN])
  } finally {
    await alice.close()
    await bob.close()
  }
})

test('deny overrides allow; prefixed and wildcard patterns; authorized operations', async () => {
  await createAcls([
    acl(RT.TOPIC, '*', Op.READ, 'User:*'),
    acl(RT.TOPIC, 'secret', Op.READ, 'User:alice', PermissionType.DENY),
    acl(RT.TOPIC, 'sec', Op.ALL, 'User:bob', PermissionType.ALLOW, PatternType.PREFIXED),
  ])
  const alice = await as('alice')
  const bob = await as('bob')
  try {
    const fetch = (c: Connection, topic: string) =>
      call(c, {
        ...ROWS[3]!,
        body: (v) => ({
          ...(ROWS[3]!.body(v) as object),
          topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024, currentLeaderEpoch: -1, logStartOffset: -1n }] }],
        }),
      })
    const denied = await fetch(alice, 'secret')
    assert.ok(denied.has(ErrorCode.TOPIC_AUTHORIZATION_FAILED), `deny wins over the wildcard allow: ${[...denied].join(',')}`)
    assert.ok(!(await fetch(bob, 'secret')).has(ErrorCode.TOPIC_AUTHORIZATION_FAILED), 'the wildcard allow')
    // READ implies DESCRIBE; bob's prefixed ALL covers everything on sec*.
    const md = await bob.request('Metadata', { topics: [{ name: 'secret' }], includeTopicAuthorizedOperations: true }, { minVersion: 8 })
    const ops = md.topics[0]!.topicAuthorizedOperations
    for (const op of [Op.READ, Op.WRITE, Op.DESCRIBE, Op.DELETE, Op.ALTER]) assert.ok((ops & (1 << op)) !== 0, `operation ${op} in ${ops.toString(2)}`)
    const aliceMd = await alice.request('Metadata', { topics: [{ name: 'secret' }], includeTopicAuthorizedOperations: true }, { minVersion: 8 })
    // The wildcard READ implies DESCRIBE; the DENY covers READ only (deny is not widened to implied operations).
    assert.equal(aliceMd.topics[0]!.errorCode, ErrorCode.NONE)
    const aliceOps = aliceMd.topics[0]!.topicAuthorizedOperations
    assert.equal(aliceOps & (1 << Op.READ), 0)
    assert.notEqual(aliceOps & (1 << Op.DESCRIBE), 0)
    const dc = await admin.request('DescribeCluster', { includeClusterAuthorizedOperations: true })
    assert.ok((dc.clusterAuthorizedOperations & (1 << Op.ALTER)) !== 0)
    const bobDc = await bob.request('DescribeCluster', { includeClusterAuthorizedOperations: true })
    assert.equal(bobDc.clusterAuthorizedOperations, 0)
    // Metadata v8-v10 carry the cluster's too; without include_*_authorized_operations, Kafka's "not requested".
    const mdc = (c: Connection, include: boolean) =>
      c.request(
        'Metadata',
        { topics: [], includeClusterAuthorizedOperations: include, includeTopicAuthorizedOperations: include },
        { minVersion: 8, maxVersion: 10 },
      )
    assert.notEqual((await mdc(admin, true)).clusterAuthorizedOperations & (1 << Op.ALTER), 0)
    assert.equal((await mdc(bob, true)).clusterAuthorizedOperations, 0)
    assert.equal((await mdc(admin, false)).clusterAuthorizedOperations, -2147483648)
    const notAsked = await bob.request('Metadata', { topics: [{ name: 'secret' }], includeTopicAuthorizedOperations: false }, { minVersion: 8 })
    assert.equal(notAsked.topics[0]!.topicAuthorizedOperations, -2147483648)
  } finally {
    await alice.close()
    await bob.close()
  }
})

test('DescribeAcls and DeleteAcls filters (MATCH, ANY), invalid bindings, and ACLs kept across a restart', async () => {
  const described = await admin.request('DescribeAcls', {
    resourceTypeFilter: RT.TOPIC,
    resourceNameFilter: 'secret',
    patternTypeFilter: PatternType.MATCH,
    principalFilter: null,
    hostFilter: null,
    operation: Op.ANY,
    permissionType: PermissionType.ANY,
  })
  const patterns = described.resources.map((r) => `${r.resourceName}/${r.patternType}`).sort()
  assert.deepEqual(patterns, ['*/3', 'sec/4', 'secret/3'])
  const bad = await admin.request('CreateAcls', {
    creations: [acl(RT.CLUSTER, 'my-cluster', Op.ALTER), acl(RT.TOPIC, 'x', Op.ANY), { ...acl(RT.TOPIC, 'x', Op.READ), principal: 'alice' }],
  })
  assert.deepEqual(
    bad.results.map((r) => r.errorCode),
    [ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST],
  )
  assert.match(bad.results[0]!.errorMessage!, /The only valid name for the CLUSTER resource is kafka-cluster/)

  await b.broker.running.close()
  // The same data dir, started again: the ACLs are still there.
  const { startBroker } = await import('../../src/index.js')
  const again = await startBroker({
    dataDir: b.broker.dataDir,
    config: { listeners: 'PLAINTEXT://127.0.0.1:0', 'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer', 'super.users': 'User:ANONYMOUS' },
  })
  try {
    const c = await connect(again.bootstrap)
    const all = await c.request('DescribeAcls', {
      resourceTypeFilter: RT.ANY,
      resourceNameFilter: null,
      patternTypeFilter: PatternType.ANY,
      principalFilter: null,
      hostFilter: null,
      operation: Op.ANY,
      permissionType: PermissionType.ANY,
    })
    assert.ok(all.resources.length >= 10, `${all.resources.length} resources`)
    const deleted = await c.request('DeleteAcls', {
      filters: [
        {
          resourceTypeFilter: RT.TOPIC,
          resourceNameFilter: 'sec',
          patternTypeFilter: PatternType.PREFIXED,
          principalFilter: null,
          hostFilter: null,
          operation: Op.ANY,
          permissionType: PermissionType.ANY,
        },
      ],
    })
    assert.equal(deleted.filterResults[0]!.matchingAcls.length, 1)
    await c.close()
  } finally {
    await again.close()
  }
})

test('allow.everyone.if.no.acl.found allows only on resources without any ACL', async () => {
  const { AclAuthorizer } = await import('../../src/security/authorizer.js')
  const { createLogger } = await import('../../src/logger.js')
  const stored: unknown[] = []
  const a = await AclAuthorizer.create({
    store: {
      load: async () => [],
      write: async (c) => {
        stored.push(c)
      },
    },
    superUsers: [],
    allowEveryoneIfNoAclFound: true,
    log: createLogger({ level: 'silent' }),
  })
  const anon = { principal: { type: 'User', name: 'ANONYMOUS' }, host: '10.0.0.1' }
  assert.equal(a.authorize(anon, Op.WRITE, RT.TOPIC, 'open'), true)
  await a.createAcls([
    {
      pattern: { resourceType: RT.TOPIC, name: 'closed', patternType: PatternType.LITERAL },
      entry: { principal: 'User:alice', host: '10.0.0.2', operation: Op.WRITE, permissionType: PermissionType.ALLOW },
    },
  ])
  assert.equal(a.authorize(anon, Op.WRITE, RT.TOPIC, 'closed'), false)
  assert.equal(a.authorize({ principal: { type: 'User', name: 'alice' }, host: '10.0.0.1' }, Op.WRITE, RT.TOPIC, 'closed'), false, 'the ACL names another host')
  assert.equal(a.authorize({ principal: { type: 'User', name: 'alice' }, host: '10.0.0.2' }, Op.WRITE, RT.TOPIC, 'closed'), true)
  assert.equal(stored.length, 1)
})
