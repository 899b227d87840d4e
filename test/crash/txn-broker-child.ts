/**
 * A broker in its own process for the transaction crash tests: `node txn-broker-child.js DATADIR
 * PORT [CONFIG_JSON]`, printing `{"port":N}` once it listens. With SAMSA_TEST_COMMIT_MARKER_DELAY_MS
 * the commit markers of every transaction wait that long in the broker channel (the seam markers
 * leave through) after the coordinator has written PrepareCommit, and `{"event":"commit-markers"}`
 * is printed when they start waiting: a test kills the broker between PrepareCommit and the
 * markers there.
 */
import { startBroker } from '../../src/index.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import type { BrokerChannel } from '../../src/broker/broker-channel.js'

const [dataDir, port, config] = process.argv.slice(2)
if (dataDir === undefined) {
  console.error('usage: txn-broker-child.js DATADIR [PORT] [CONFIG_JSON]')
  process.exit(2)
}
const broker = await startBroker({ dataDir, port: Number(port ?? 0), config: config === undefined ? {} : JSON.parse(config) })
const delayMs = Number(process.env.SAMSA_TEST_COMMIT_MARKER_DELAY_MS ?? 0)
if (delayMs > 0) {
  const channel = broker.running.broker.brokerChannel as BrokerChannel
  const send = channel.send.bind(channel)
  channel.send = (async (brokerId: number, key: number, request: { markers?: Array<{ transactionResult: boolean }> }) => {
    if (key === ApiKey.WriteTxnMarkers && request.markers?.some((m) => m.transactionResult) === true) {
      process.stdout.write(JSON.stringify({ event: 'commit-markers' }) + '\n')
      await new Promise((r) => setTimeout(r, delayMs))
    }
    return send(brokerId, key as never, request as never)
  }) as BrokerChannel['send']
}
process.stdout.write(JSON.stringify({ port: broker.port }) + '\n')
process.on('SIGTERM', () => {
  void broker.close().then(() => process.exit(0))
})
