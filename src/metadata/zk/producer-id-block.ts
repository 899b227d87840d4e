/**
 * Producer ids for a cluster: brokers take blocks of 1000 from /latest_producer_id_block with a
 * conditional write (Kafka's ZkProducerIdManager), so two brokers never hand out the same id.
 * The znode holds the last block handed out; the next block starts after it.
 */
import { SamsaError } from '../../errors.js'
import type { ZooKeeperClient } from '../../zookeeper/client.js'
import { isZooKeeperError } from '../../zookeeper/errors.js'
import { retryOnConnectionLoss } from '../../zookeeper/recipes.js'
import { ProducerIdBlockZNode, ZkPaths, type ProducerIdBlock } from './znodes.js'

/** Kafka's ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE */
const PRODUCER_ID_BLOCK_SIZE = 1000n
const LONG_MAX = (1n << 63n) - 1n

/**
 * Reserves the next block for `brokerId`. Retries when another broker wrote in between (the
 * write expects the version read). A block whose write's reply was lost with the connection is
 * skipped, not reused: ids stay unique, a gap is harmless.
 */
export function allocateProducerIdBlock(zk: ZooKeeperClient, brokerId: number, blockSize = PRODUCER_ID_BLOCK_SIZE): Promise<ProducerIdBlock> {
  return retryOnConnectionLoss(zk, async () => {
    for (;;) {
      let current: { data: Buffer; version: number } | null = null
      try {
        const r = await zk.getData(ZkPaths.producerIdBlock)
        current = { data: r.data, version: r.stat.version }
      } catch (err) {
        if (!isZooKeeperError(err, 'NONODE')) throw err
      }
      // Kafka creates the znode empty at startup: empty data means no block was handed out yet
      let first = 0n
      if (current !== null && current.data.length > 0) {
        const last = ProducerIdBlockZNode.decode(current.data).lastProducerId
        if (last > LONG_MAX - blockSize) throw new SamsaError('SAMSA_PRODUCER_IDS_EXHAUSTED', `all producer ids are used (last block ends at ${last})`)
        first = last + 1n
      }
      const block: ProducerIdBlock = { assignedBrokerId: brokerId, firstProducerId: first, lastProducerId: first + blockSize - 1n }
      const data = ProducerIdBlockZNode.encode(block)
      try {
        if (current === null) await zk.create(ZkPaths.producerIdBlock, data)
        else await zk.setData(ZkPaths.producerIdBlock, data, current.version)
        return block
      } catch (err) {
        if (!isZooKeeperError(err, 'BADVERSION') && !isZooKeeperError(err, 'NODEEXISTS')) throw err
      }
    }
  })
}
