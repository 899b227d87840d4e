import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { CLEAN_SHUTDOWN_FILE, LogManager } from '../../src/storage/log-manager.js'
import { parseTopicPartitionDir } from '../../src/storage/log-files.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

describe('LogManager', () => {
  it('parses partition dirs at the last dash', () => {
    assert.deepEqual(parseTopicPartitionDir('my-topic-with-dashes-12'), { topic: 'my-topic-with-dashes', partition: 12 })
    assert.deepEqual(parseTopicPartitionDir('__consumer_offsets-0'), { topic: '__consumer_offsets', partition: 0 })
    assert.equal(parseTopicPartitionDir('nodash'), undefined)
    assert.equal(parseTopicPartitionDir('topic-x'), undefined)
    assert.equal(parseTopicPartitionDir('-3'), undefined)
  })

  it('creates, reloads, and deletes partition logs; writes the clean-shutdown marker', async () => {
    const dir = tempDir()
    let m = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig(), flushCheckIntervalMs: 0 })
    const a = await m.getOrCreateLog('orders-eu-west', 0)
    const b = await m.getOrCreateLog('orders-eu-west', 1)
    assert.equal(await m.getOrCreateLog('orders-eu-west', 0), a)
    a.append(batch(['a0', 'a1']), { now: 0n })
    b.append(batch(['b0']), { now: 0n })
    assert.ok(existsSync(join(dir, 'orders-eu-west-0')))
    assert.ok(!existsSync(join(dir, CLEAN_SHUTDOWN_FILE)))
    await m.shutdown()
    assert.ok(existsSync(join(dir, CLEAN_SHUTDOWN_FILE)))

    mkdirSync(join(dir, 'not a partition'))
    m = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig(), flushCheckIntervalMs: 0 })
    assert.ok(!existsSync(join(dir, CLEAN_SHUTDOWN_FILE)), 'marker consumed on start')
    assert.deepEqual(
      m
        .allLogs()
        .map((l) => [l.topic, l.partition, l.log.logEndOffset])
        .sort(),
      [
        ['orders-eu-west', 0, 2n],
        ['orders-eu-west', 1, 1n],
      ],
    )
    assert.deepEqual(
      readAll(m.getLog('orders-eu-west', 0)!).map((r) => r.value),
      ['a0', 'a1'],
    )
    assert.equal(await m.deleteLog('orders-eu-west', 1), true)
    assert.equal(m.getLog('orders-eu-west', 1), undefined)
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('orders')),
      ['orders-eu-west-0'],
    )
    assert.equal(await m.deleteLog('orders-eu-west', 1), false)
    await m.shutdown()
  })

  it('recovers after an unclean shutdown and finishes interrupted deletes', async () => {
    const dir = tempDir()
    let m = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig(), flushCheckIntervalMs: 0 })
    const log = await m.getOrCreateLog('t', 0)
    for (let i = 0; i < 30; i++) log.append(batch([`v${i}`]), { now: 0n })
    // Simulate kill -9: no shutdown(), so no marker; tear the tail of the active segment.
    await log.closeFiles()
    const active = readdirSync(log.dir)
      .filter((n) => n.endsWith('.log'))
      .sort()
      .at(-1)!
    truncateSync(join(log.dir, active), statSync(join(log.dir, active)).size - 1)
    mkdirSync(join(dir, 't-1.0123abcd-delete'))
    writeFileSync(join(dir, 't-1.0123abcd-delete', 'x.log'), 'old')
    m = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig(), flushCheckIntervalMs: 0 })
    const reloaded = m.getLog('t', 0)!
    assert.equal(reloaded.logEndOffset, 29n)
    assert.ok(!existsSync(join(dir, 't-1.0123abcd-delete')))
    await m.shutdown()
  })

  it('applies topic config overrides and the flush.ms policy', async () => {
    const dir = tempDir()
    const m = await LogManager.start({
      logDirs: [dir],
      defaultConfig: smallConfig(),
      topicConfig: (topic) => (topic === 'fast' ? { flushMs: 0 } : undefined),
      flushCheckIntervalMs: 0,
    })
    const fast = await m.getOrCreateLog('fast', 0)
    const slow = await m.getOrCreateLog('slow', 0)
    fast.append(batch(['x']), { now: 0n })
    slow.append(batch(['y']), { now: 0n })
    await m.runScheduledTasks(Date.now() + 1)
    assert.equal(fast.recoveryPoint, 1n)
    assert.equal(slow.recoveryPoint, 0n)
    await m.shutdown()
  })
})
