// include_*_authorized_operations, answered as Kafka's AuthHelper.authorizedOperations does
// without an authorizer: every operation of AclEntry.supportedOperations(resourceType), as bits
// of AclOperation codes (Utils.to32BitField). Metadata carries the cluster field only in v8-10.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'

const CODES: Record<string, number> = {
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
}
const bits = (...ops: string[]): number => ops.reduce((b, op) => b | (1 << CODES[op]!), 0)
const TOPIC_OPS = bits('READ', 'WRITE', 'CREATE', 'DESCRIBE', 'DELETE', 'ALTER', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS')
const CLUSTER_OPS = bits('CREATE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE', 'ALTER', 'DESCRIBE')
const GROUP_OPS = bits('READ', 'DESCRIBE', 'DELETE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS')
const NOT_REQUESTED = -2147483648

let broker: EmbeddedBroker
let c: RawConnection
before(async () => {
  broker = await startBroker({ port: 0 })
  c = await RawConnection.connect(broker.port)
  await c.request(ApiKey.CreateTopics, 7, {
    topics: [{ name: 'ops', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  })
})
after(async () => {
  c.close()
  await broker.close()
})

test('Metadata v8-10 answers cluster and topic operations when asked, and "not requested" otherwise', async () => {
  for (const v of [8, 9, 10]) {
    const asked = await c.request(ApiKey.Metadata, v, {
      topics: [{ name: 'ops' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: true,
      includeTopicAuthorizedOperations: true,
    })
    assert.equal(asked.clusterAuthorizedOperations, CLUSTER_OPS, `v${v} cluster`)
    assert.equal(asked.topics[0].topicAuthorizedOperations, TOPIC_OPS, `v${v} topic`)
    const not = await c.request(ApiKey.Metadata, v, {
      topics: [{ name: 'ops' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    })
    assert.equal(not.clusterAuthorizedOperations, NOT_REQUESTED)
    assert.equal(not.topics[0].topicAuthorizedOperations, NOT_REQUESTED)
  }
  const v12 = await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'ops' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: true })
  assert.equal(v12.topics[0].topicAuthorizedOperations, TOPIC_OPS)
})

test('DescribeCluster and DescribeGroups answer the operations asked for', async () => {
  const cl = await c.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: true, endpointType: 1 })
  assert.equal(cl.clusterAuthorizedOperations, CLUSTER_OPS)
  const no = await c.request(ApiKey.DescribeCluster, 0, { includeClusterAuthorizedOperations: false })
  assert.equal(no.clusterAuthorizedOperations, NOT_REQUESTED)
  const g = await c.request(ApiKey.DescribeGroups, 5, { groups: ['nobody'], includeAuthorizedOperations: true })
  assert.equal(g.groups[0].authorizedOperations, GROUP_OPS)
})
