// librdkafka 2.0.2 (confluent-kafka-python 1.7, kcat 1.7): cooperative-sticky incremental
// rebalancing, static membership (a restarted static member gets its partitions back without a
// rebalance), and kcat's balanced consumer. librdkafka 2.0.2 has no group.protocol=consumer
// (KIP-848 arrived in later librdkafka releases), so KIP-848 is tested with @platformatic/kafka.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { startBroker } from '../../src/index.js'
import type { ClassicGroup } from '../../src/groups/classic-group.js'
import { hasPythonModule, PYTHON, python, run, spawnLines, waitFor } from './groups-helpers.js'

const SCRIPT = String.raw`
import json, sys, time
from confluent_kafka import Consumer, Producer
bs, mode = sys.argv[1], sys.argv[2]
def out(obj):
    sys.stdout.write(json.dumps(obj) + '\n')
    sys.stdout.flush()
if mode == 'produce':
    topic, n = sys.argv[3], int(sys.argv[4])
    p = Producer({'bootstrap.servers': bs})
    for i in range(n):
        p.produce(topic, key=str(i), value='v%d' % i)
    p.flush(10)
elif mode == 'cooperative':
    events = []
    owned = {'c1': set(), 'c2': set()}
    consumed = []
    def callbacks(name):
        def on_assign(c, parts):
            events.append([name, 'assign', sorted(p.partition for p in parts)])
            owned[name] |= {p.partition for p in parts}
        def on_revoke(c, parts):
            events.append([name, 'revoke', sorted(p.partition for p in parts)])
            owned[name] -= {p.partition for p in parts}
        return on_assign, on_revoke
    def consumer(name):
        c = Consumer({'bootstrap.servers': bs, 'group.id': 'coop-group', 'partition.assignment.strategy': 'cooperative-sticky',
                      'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 300})
        a, r = callbacks(name)
        c.subscribe(['coop'], on_assign=a, on_revoke=r)
        return c
    def pump(cs, until, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline and not until():
            for c in cs:
                m = c.poll(0.05)
                if m is not None and m.error() is None:
                    consumed.append('%d:%d' % (m.partition(), m.offset()))
        return until()
    c1 = consumer('c1')
    ok1 = pump([c1], lambda: len(owned['c1']) == 4, 30)
    c2 = consumer('c2')
    ok2 = pump([c1, c2], lambda: len(owned['c1']) == 2 and len(owned['c2']) == 2, 30)
    balanced = list(events)
    owned_at_balance = {k: sorted(v) for k, v in owned.items()}
    pump([c1, c2], lambda: len(set(consumed)) >= 40, 20)
    c2.close()
    c1.close()
    out({'ok': [ok1, ok2], 'events': balanced, 'owned': owned_at_balance, 'consumed': len(set(consumed))})
elif mode == 'static':
    instance, seconds = sys.argv[3], float(sys.argv[4])
    owned = set()
    def on_assign(c, parts):
        owned.update(p.partition for p in parts)
        out({'assigned': sorted(owned)})
    def on_revoke(c, parts):
        owned.difference_update(p.partition for p in parts)
        out({'revoked': sorted(p.partition for p in parts)})
    c = Consumer({'bootstrap.servers': bs, 'group.id': 'static-group', 'group.instance.id': instance,
                  'auto.offset.reset': 'earliest', 'session.timeout.ms': 10000, 'heartbeat.interval.ms': 300})
    c.subscribe(['static'], on_assign=on_assign, on_revoke=on_revoke)
    deadline = time.time() + seconds
    while time.time() < deadline:
        c.poll(0.1)
    out({'closing': sorted(owned)})
    c.close()
`

const skip = hasPythonModule('confluent_kafka') ? false : 'confluent-kafka-python (Debian python3-confluent-kafka) is not installed'

test('librdkafka cooperative-sticky: a second member takes half the partitions without a full revocation', { skip }, async () => {
  const broker = await startBroker({ port: 0, config: { 'num.partitions': 4 } })
  try {
    await python(SCRIPT, [broker.bootstrap, 'produce', 'coop', '40'])
    const r = JSON.parse(await python(SCRIPT, [broker.bootstrap, 'cooperative'], 120_000))
    assert.deepEqual(r.ok, [true, true], JSON.stringify(r.events))
    // c1 only ever gave up the two partitions that moved: incremental, not eager.
    const c1Revokes = r.events.filter((e: [string, string, number[]]) => e[0] === 'c1' && e[1] === 'revoke' && e[2].length > 0)
    assert.equal(c1Revokes.length, 1, JSON.stringify(r.events))
    assert.equal(c1Revokes[0][2].length, 2)
    assert.equal(r.owned.c1.length, 2)
    assert.equal(r.owned.c2.length, 2)
    assert.deepEqual([...r.owned.c1, ...r.owned.c2].sort(), [0, 1, 2, 3])
    assert.equal(r.consumed, 40)
  } finally {
    await broker.close()
  }
})

test('librdkafka static membership: a restarted static member gets its partitions back without a rebalance', { skip }, async () => {
  const broker = await startBroker({ port: 0, config: { 'num.partitions': 4 } })
  const children: ChildProcess[] = []
  try {
    await python(SCRIPT, [broker.bootstrap, 'produce', 'static', '8'])
    const group = (): ClassicGroup => broker.running.broker.groups.groups.get('static-group') as ClassicGroup
    let aOwned: number[] = []
    children.push(
      spawnLines(PYTHON, ['-c', SCRIPT, broker.bootstrap, 'static', 'static-a', '60'], (line) => {
        const m = JSON.parse(line)
        if (m.assigned) aOwned = m.assigned
      }),
    )
    await waitFor('static-a to own all partitions', () => aOwned.length === 4, 30_000)
    const lines = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    const first = lines(await python(SCRIPT, [broker.bootstrap, 'static', 'static-b', '4'], 60_000)).find((m) => m.closing !== undefined)
    assert.equal(first.closing.length, 2)
    await waitFor('the group to be stable', () => group().state === 'Stable', 30_000)
    const generation = group().generationId
    const memberB = group().staticMembers.get('static-b')
    assert.ok(memberB !== undefined, 'static-b is still a member after closing: static members do not leave')

    // static-b comes back with a new member id: same partitions, same generation.
    const again = lines(await python(SCRIPT, [broker.bootstrap, 'static', 'static-b', '3'], 60_000))
    assert.deepEqual(again[0].assigned, first.closing)
    assert.equal(group().generationId, generation)
    assert.notEqual(group().staticMembers.get('static-b'), memberB)
    assert.equal(aOwned.length, 2)
  } finally {
    for (const c of children) c.kill('SIGKILL')
    await broker.close()
  }
})

test('kcat balanced consumer (-G) reads a topic through a group and commits', { skip }, async () => {
  const broker = await startBroker({ port: 0, config: { 'num.partitions': 2 } })
  try {
    await python(SCRIPT, [broker.bootstrap, 'produce', 'kcat-topic', '10'])
    const args = ['-b', broker.bootstrap, '-G', 'kcat-group', '-X', 'auto.offset.reset=earliest', '-e', '-q', '-f', '%s\\n', 'kcat-topic']
    const first = await run('kcat', args, { timeoutMs: 30_000 })
    assert.equal(first.stdout.trim().split('\n').length, 10, first.stderr)
    const second = await run('kcat', args, { timeoutMs: 30_000 })
    assert.equal(second.stdout.trim(), '', 'committed offsets are honoured on the second run')
  } finally {
    await broker.close()
  }
})
