/**
 * confluent-kafka-python 1.7 on librdkafka 2.0.2 (Debian's python3-confluent-kafka): AdminClient
 * topic creation, produce with every codec, assign-mode consume from the beginning, watermark
 * offsets and offsets_for_times, restart.
 */
import { after, before, test } from 'node:test'
import { requireTool, tools } from '../support/env.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { runRoundTrip } from '../support/scenario.js'
import { pythonDriver } from '../support/python-driver.js'

const skip = requireTool(tools.confluentKafka())
let broker: TestBroker

before(async () => {
  if (skip === false) broker = await startTestBroker()
})
after(async () => {
  await broker?.close()
})

test('confluent-kafka-python round trip', { skip, timeout: 300_000 }, async (t) => {
  await runRoundTrip(t, broker, pythonDriver('confluent-kafka-python', 'confluent_client.py', ['none', 'gzip', 'snappy', 'lz4', 'zstd']))
})
