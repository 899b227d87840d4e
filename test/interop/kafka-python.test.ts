/**
 * kafka-python 2.0.2 (Debian's python3-kafka, under /usr/bin/python3): admin topic creation,
 * produce with every codec, assign-mode consume, offsets (beginning, end, for times), restart.
 */
import { after, before, test } from 'node:test'
import { requireTool, tools } from '../support/env.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { runRoundTrip } from '../support/scenario.js'
import { pythonDriver } from '../support/python-driver.js'

const skip = requireTool(tools.kafkaPython())
let broker: TestBroker

before(async () => {
  if (skip === false) broker = await startTestBroker()
})
after(async () => {
  await broker?.close()
})

test('kafka-python round trip', { skip, timeout: 300_000 }, async (t) => {
  await runRoundTrip(t, broker, pythonDriver('kafka-python', 'kafka_python_client.py', ['none', 'gzip', 'snappy', 'lz4', 'zstd']))
})
