// A broker in its own process for the crash test: `node crash-child.js <dataDir> <topic>`.
// Cleans as often as it can; prints {"port":N} once it serves. The test kills it with SIGKILL.
import { startBroker } from '../../src/index.js'

const [dataDir, topic] = process.argv.slice(2) as [string, string]
const broker = await startBroker({
  port: 0,
  dataDir,
  config: { 'log.cleaner.backoff.ms': 5, 'log.retention.check.interval.ms': 50, 'log.segment.delete.delay.ms': 0 },
})
if (broker.running.broker.metadata.topic(topic) === undefined) {
  await broker.running.broker.admin.createTopic(topic, {
    partitions: 1,
    configs: {
      'cleanup.policy': 'compact',
      'segment.bytes': '8192',
      'min.cleanable.dirty.ratio': '0.01',
      'delete.retention.ms': '300',
    },
  })
}
process.stdout.write(JSON.stringify({ port: broker.port }) + '\n')
process.on('SIGTERM', () => void broker.close().then(() => process.exit(0)))
