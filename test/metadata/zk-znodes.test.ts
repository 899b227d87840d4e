/**
 * Kafka's znode JSON (kafka.zk.ZkData, Kafka 3.9): what Samsa writes has Kafka's field names,
 * types and versions, and what Kafka writes (older versions included) decodes.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  AclChangeZNode,
  BrokerIdZNode,
  ClusterIdZNode,
  ConfigChangeNotificationZNode,
  ConfigEntityZNode,
  ControllerEpochZNode,
  ControllerZNode,
  IsrChangeNotificationZNode,
  PartitionStateZNode,
  PERSISTENT_ZK_PATHS,
  ProducerIdBlockZNode,
  ReassignPartitionsZNode,
  ResourceAclZNode,
  sanitizeEntityName,
  desanitizeEntityName,
  TopicZNode,
  ZkPaths,
} from '../../src/metadata/zk/znodes.js'
import { ZNodeDataError } from '../../src/metadata/zk/json.js'

const json = (b: Buffer): unknown => JSON.parse(b.toString('utf8'))
const bytes = (s: string): Buffer => Buffer.from(s, 'utf8')

test('broker registration: version 5 as Kafka writes it, versions 1-5 as Kafka wrote them', () => {
  const encoded = BrokerIdZNode.encode({
    id: 3,
    endpoints: [
      { listener: 'INTERNAL', host: 'broker3.local', port: 9094, securityProtocol: 'SASL_SSL' },
      { listener: 'PLAINTEXT', host: 'broker3.local', port: 9092, securityProtocol: 'PLAINTEXT' },
      { listener: 'V6', host: '::1', port: 9095, securityProtocol: 'PLAINTEXT' },
    ],
    rack: 'eu-1a',
    timestamp: 1700000000123,
  })
  assert.deepEqual(json(encoded), {
    version: 5,
    host: 'broker3.local', // the first PLAINTEXT endpoint, for old clients
    port: 9092,
    endpoints: ['INTERNAL://broker3.local:9094', 'PLAINTEXT://broker3.local:9092', 'V6://[::1]:9095'],
    listener_security_protocol_map: { INTERNAL: 'SASL_SSL', PLAINTEXT: 'PLAINTEXT', V6: 'PLAINTEXT' },
    rack: 'eu-1a',
    timestamp: '1700000000123', // a string in Kafka's JSON
    jmx_port: -1,
    features: {},
  })
  const back = BrokerIdZNode.decode(3, encoded)
  assert.equal(back.version, 5)
  assert.equal(back.rack, 'eu-1a')
  assert.equal(back.timestamp, 1700000000123)
  assert.deepEqual(back.endpoints[2], { listener: 'V6', host: '::1', port: 9095, securityProtocol: 'PLAINTEXT' })

  // no PLAINTEXT listener and no rack: host null, port -1, no rack field
  const ssl = json(BrokerIdZNode.encode({ id: 1, endpoints: [{ listener: 'SSL', host: 'h', port: 1, securityProtocol: 'SSL' }], rack: null }))
  assert.equal((ssl as Record<string, unknown>)['host'], null)
  assert.equal((ssl as Record<string, unknown>)['port'], -1)
  assert.equal('rack' in (ssl as object), false)

  // older versions Kafka brokers registered with
  const v1 = BrokerIdZNode.decode(7, bytes('{"jmx_port":-1,"timestamp":"1420485325400","host":"10.0.0.7","version":1,"port":9091}'))
  assert.deepEqual(v1.endpoints, [{ listener: 'PLAINTEXT', host: '10.0.0.7', port: 9091, securityProtocol: 'PLAINTEXT' }])
  const v2 = BrokerIdZNode.decode(7, bytes('{"version":2,"host":"h","port":9092,"jmx_port":9999,"timestamp":"1","endpoints":["SSL://h:9093"]}'))
  assert.deepEqual(v2.endpoints, [{ listener: 'SSL', host: 'h', port: 9093, securityProtocol: 'SSL' }])
  assert.equal(v2.jmxPort, 9999)
  const v4 = BrokerIdZNode.decode(
    7,
    bytes(
      '{"version":4,"host":"h","port":9092,"jmx_port":-1,"timestamp":"2","endpoints":["CLIENT://h1:9092","REPLICATION://h1:9093"],"listener_security_protocol_map":{"CLIENT":"SSL","REPLICATION":"PLAINTEXT"},"rack":null}',
    ),
  )
  assert.equal(v4.rack, null)
  assert.deepEqual(
    v4.endpoints.map((e) => e.securityProtocol),
    ['SSL', 'PLAINTEXT'],
  )
  const v5 = BrokerIdZNode.decode(
    7,
    bytes(
      '{"version":5,"host":"h","port":9092,"jmx_port":-1,"timestamp":"3","endpoints":["PLAINTEXT://h:9092"],"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},"rack":"r","features":{"f1":{"min_version":1,"max_version":2}}}',
    ),
  )
  assert.deepEqual(v5.features, { f1: { min_version: 1, max_version: 2 } })

  assert.throws(() => BrokerIdZNode.decode(7, bytes('{"version":5,"endpoints":"nope"}')), ZNodeDataError)
  assert.throws(
    () => BrokerIdZNode.decode(7, bytes('not json')),
    (err: unknown) => err instanceof ZNodeDataError && err.code === 'SAMSA_ZNODE_DATA' && err.path === '/brokers/ids/7',
  )
})

test('controller, controller epoch, cluster id', () => {
  assert.deepEqual(json(ControllerZNode.encode(2, 1700000000000)), { version: 2, brokerid: 2, timestamp: '1700000000000', kraftControllerEpoch: -1 })
  assert.deepEqual(ControllerZNode.decode(bytes('{"version":1,"brokerid":5,"timestamp":"12"}')), { brokerId: 5, timestamp: 12, kraftControllerEpoch: -1 })
  assert.equal(ControllerEpochZNode.encode(17).toString(), '17')
  assert.equal(ControllerEpochZNode.decode(bytes('42')), 42)
  assert.throws(() => ControllerEpochZNode.decode(bytes('{"epoch":1}')), ZNodeDataError)
  assert.deepEqual(json(ClusterIdZNode.encode('mqtEaZGVOPa_Olp1sR6zsA')), { version: '1', id: 'mqtEaZGVOPa_Olp1sR6zsA' })
  assert.equal(ClusterIdZNode.decode(bytes('{"version":"1","id":"abc"}')), 'abc')
})

test('topic assignment (version 3 with topic_id) and partition state', () => {
  const encoded = TopicZNode.encode({
    topicId: 'eXS8dw4dTH-lR2nYdE8mOw',
    partitions: new Map([
      [1, { replicas: [2, 3, 1], addingReplicas: [], removingReplicas: [] }],
      [0, { replicas: [1, 2, 4], addingReplicas: [4], removingReplicas: [3] }],
    ]),
  })
  assert.deepEqual(json(encoded), {
    version: 3,
    topic_id: 'eXS8dw4dTH-lR2nYdE8mOw',
    partitions: { 0: [1, 2, 4], 1: [2, 3, 1] },
    adding_replicas: { 0: [4] },
    removing_replicas: { 0: [3] },
  })
  const back = TopicZNode.decode('orders', encoded)
  assert.equal(back.topicId, 'eXS8dw4dTH-lR2nYdE8mOw')
  assert.deepEqual(back.partitions.get(0), { replicas: [1, 2, 4], addingReplicas: [4], removingReplicas: [3] })
  // Kafka 1.x wrote version 1 without ids or reassignment fields
  const old = TopicZNode.decode('t', bytes('{"version":1,"partitions":{"0":[1],"1":[2]}}'))
  assert.equal(old.topicId, null)
  assert.deepEqual([...old.partitions.keys()], [0, 1])

  const state = PartitionStateZNode.encode({ leader: 2, leaderEpoch: 5, controllerEpoch: 3, isr: [2, 1], leaderRecoveryState: 0 })
  assert.deepEqual(json(state), { version: 1, leader: 2, leader_epoch: 5, controller_epoch: 3, isr: [2, 1] })
  assert.deepEqual(PartitionStateZNode.decode('t', 0, state, { version: 7 }), {
    leader: 2,
    leaderEpoch: 5,
    controllerEpoch: 3,
    isr: [2, 1],
    leaderRecoveryState: 0,
    zkVersion: 7,
  })
  const recovering = PartitionStateZNode.encode({ leader: -1, leaderEpoch: 6, controllerEpoch: 3, isr: [], leaderRecoveryState: 1 })
  assert.equal((json(recovering) as Record<string, unknown>)['leader_recovery_state'], 1)
  assert.equal(ZkPaths.partitionState('t', 4), '/brokers/topics/t/partitions/4/state')
})

test('configs, change notifications, sanitized entity names', () => {
  assert.deepEqual(json(ConfigEntityZNode.encode({ 'retention.ms': '1000', 'cleanup.policy': 'compact' })), {
    version: 1,
    config: { 'retention.ms': '1000', 'cleanup.policy': 'compact' },
  })
  assert.deepEqual(ConfigEntityZNode.decode('/config/topics/t', bytes('{"version":1,"config":{"a":"b"}}')), { a: 'b' })
  assert.deepEqual(ConfigEntityZNode.decode('/config/topics/t', Buffer.alloc(0)), {})
  assert.equal(ZkPaths.configEntity('brokers', '<default>'), '/config/brokers/<default>')

  assert.deepEqual(json(ConfigChangeNotificationZNode.encode('topics/orders')), { version: 2, entity_path: 'topics/orders' })
  assert.equal(ConfigChangeNotificationZNode.entityPath('users', 'CN=alice, O=x'), 'users/CN%3Dalice%2C%20O%3Dx')
  assert.deepEqual(ConfigChangeNotificationZNode.decode('/config/changes/config_change_0000000001', bytes('{"version":2,"entity_path":"brokers/<default>"}')), {
    entityType: 'brokers',
    entityName: '<default>',
  })
  assert.throws(() => ConfigChangeNotificationZNode.decode('/c', bytes('{"version":1,"entity_type":"topics","entity_name":"t"}')), ZNodeDataError)

  // Kafka's Sanitizer: URL encoding with '*' as %2A and ' ' as %20
  assert.equal(sanitizeEntityName('user*'), 'user%2A')
  assert.equal(sanitizeEntityName('a b+c'), 'a%20b%2Bc')
  assert.equal(sanitizeEntityName('héllo.x_y-z'), 'h%C3%A9llo.x_y-z')
  assert.equal(desanitizeEntityName('h%C3%A9llo%20%2A'), 'héllo *')
})

test('notifications, producer id blocks, ACLs, top-level paths', () => {
  assert.deepEqual(json(IsrChangeNotificationZNode.encode([{ topic: 't', partition: 1 }])), { version: 1, partitions: [{ topic: 't', partition: 1 }] })
  assert.deepEqual(json(ReassignPartitionsZNode.encode([{ topic: 't', partition: 0, replicas: [1, 2] }])), {
    version: 1,
    partitions: [{ topic: 't', partition: 0, replicas: [1, 2] }],
  })
  const block = ProducerIdBlockZNode.encode({ assignedBrokerId: 2, firstProducerId: 1000n, lastProducerId: 1999n })
  assert.deepEqual(json(block), { version: 1, broker: 2, block_start: '1000', block_end: '1999' })
  assert.deepEqual(ProducerIdBlockZNode.decode(bytes('{"version":1,"broker":1,"block_start":"9007199254740993","block_end":"9007199254741992"}')), {
    assignedBrokerId: 1,
    firstProducerId: 9007199254740993n, // beyond a double's exact range: kept exact
    lastProducerId: 9007199254741992n,
  })
  const acls = [{ principal: 'User:alice', permissionType: 'Allow', operation: 'Read', host: '*' }]
  assert.deepEqual(json(ResourceAclZNode.encode(acls)), { version: 1, acls })
  assert.deepEqual(ResourceAclZNode.decode('/kafka-acl/Topic/t', ResourceAclZNode.encode(acls)), acls)
  assert.equal(ZkPaths.acl('Topic', 'orders'), '/kafka-acl/Topic/orders')
  assert.equal(ZkPaths.extendedAcl('PREFIXED', 'Group', 'app-'), '/kafka-acl-extended/prefixed/Group/app-')
  assert.equal(AclChangeZNode.encodeLiteral('Topic', 'orders').toString(), 'Topic:orders')
  assert.deepEqual(json(AclChangeZNode.encodeExtended('Group', 'app-', 'PREFIXED')), {
    version: 1,
    resourceType: 'Group',
    name: 'app-',
    patternType: 'PREFIXED',
  })
  assert.deepEqual([...PERSISTENT_ZK_PATHS].sort(), [
    '/admin/delete_topics',
    '/brokers/ids',
    '/brokers/seqid',
    '/brokers/topics',
    '/config/brokers',
    '/config/changes',
    '/config/clients',
    '/config/groups',
    '/config/ips',
    '/config/topics',
    '/config/users',
    '/consumers',
    '/isr_change_notification',
    '/latest_producer_id_block',
    '/log_dir_event_notification',
  ])
})
