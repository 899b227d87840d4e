// kafka-python 2.0.2 (JoinGroup v2, SyncGroup v1, OffsetCommit v2, OffsetFetch v1/v3,
// FindCoordinator v0) against a consumer group: consume, commit, resume after a restart from
// the committed offsets, and list a group's offsets with topics=null.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker } from '../../src/index.js'
import { hasPythonModule, python } from './groups-helpers.js'

const SCRIPT = `
import json, sys, time
from kafka import KafkaProducer, KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient
bs, mode = sys.argv[1], sys.argv[2]
if mode == 'produce':
    start, n = int(sys.argv[3]), int(sys.argv[4])
    p = KafkaProducer(bootstrap_servers=bs)
    for i in range(start, start + n):
        p.send('user_created', key=str(i).encode(), value=('user-%d' % i).encode())
    p.flush()
    p.close()
elif mode == 'consume':
    expected = int(sys.argv[3])
    c = KafkaConsumer('user_created', group_id='user-group', bootstrap_servers=bs,
                      auto_offset_reset='earliest', enable_auto_commit=False, consumer_timeout_ms=15000)
    got = []
    if expected > 0:
        for m in c:
            got.append(m.value.decode())
            if len(got) >= expected:
                break
    # Nothing more may arrive once the expected records are in.
    deadline = time.time() + 1.5
    while time.time() < deadline:
        for recs in c.poll(timeout_ms=200).values():
            got.extend(r.value.decode() for r in recs)
    c.commit()
    c.close()
    print(json.dumps(got))
elif mode == 'offsets':
    a = KafkaAdminClient(bootstrap_servers=bs)
    offsets = a.list_consumer_group_offsets('user-group')
    groups = [g[0] for g in a.list_consumer_groups()]
    a.close()
    print(json.dumps({'offsets': {'%s-%d' % (tp.topic, tp.partition): om.offset for tp, om in offsets.items()}, 'groups': groups}))
`

const skip = hasPythonModule('kafka') ? false : 'kafka-python (Debian python3-kafka) is not installed'

test('kafka-python producer and consumer group: commit, restart, resume from committed offsets', { skip }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-groups-py-'))
  const config = { 'num.partitions': 3 }
  let broker = await startBroker({ port: 0, dataDir, config })
  try {
    await python(SCRIPT, [broker.bootstrap, 'produce', '0', '30'])
    const first: string[] = JSON.parse(await python(SCRIPT, [broker.bootstrap, 'consume', '30']))
    assert.equal(first.length, 30)
    assert.deepEqual(new Set(first), new Set(Array.from({ length: 30 }, (_, i) => `user-${i}`)))

    // Same group again: everything was committed, nothing is redelivered.
    await python(SCRIPT, [broker.bootstrap, 'produce', '30', '5'])
    const second: string[] = JSON.parse(await python(SCRIPT, [broker.bootstrap, 'consume', '5']))
    assert.deepEqual(second.sort(), ['user-30', 'user-31', 'user-32', 'user-33', 'user-34'])

    // OffsetFetch with topics=null returns every committed partition.
    const listed = JSON.parse(await python(SCRIPT, [broker.bootstrap, 'offsets']))
    const total = Object.values(listed.offsets as Record<string, number>).reduce((a, b) => a + b, 0)
    assert.equal(Object.keys(listed.offsets).length, 3)
    assert.equal(total, 35)
    assert.ok(listed.groups.includes('user-group'))

    // Restart on the same data directory: the group resumes where it committed.
    await broker.close()
    broker = await startBroker({ port: 0, dataDir, config })
    await python(SCRIPT, [broker.bootstrap, 'produce', '35', '3'])
    const third: string[] = JSON.parse(await python(SCRIPT, [broker.bootstrap, 'consume', '3']))
    assert.deepEqual(third.sort(), ['user-35', 'user-36', 'user-37'])
  } finally {
    await broker.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
