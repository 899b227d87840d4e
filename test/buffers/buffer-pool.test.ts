// The shared buffer pool keeps what it is given back for reuse, up to its idle bound. Over the
// bound, the buffers given back longest ago make room, so a pool filled with a size nobody asks
// for any more still keeps the size in use: before, it dropped every megabyte frame given back
// and allocated the next one afresh. (This file runs in a process of its own: the pool starts
// empty.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sharedBufferPool as pool } from '../../src/buffers/buffer-pool.js'

const KiB = 1024
const MiB = 1024 * 1024

test('a pool full of a size no longer asked for keeps the megabyte buffers in use', () => {
  // Fill the idle pool with 256 KiB buffers (the copies a broker makes in its first seconds).
  const small = Array.from({ length: pool.maxIdleBytes / (256 * KiB) }, () => pool.lease(256 * KiB))
  for (const l of small) l.release()
  assert.equal(pool.idleBytes, pool.maxIdleBytes)
  // Megabyte frames from now on: the first is new, the next ones reuse it.
  const first = pool.lease(900 * KiB)
  const memory = first.buffer.buffer
  first.release()
  for (let i = 0; i < 10; i++) {
    const again = pool.lease(1000 * KiB)
    assert.equal(again.buffer.buffer, memory, `frame ${i} got new memory`)
    again.release()
  }
  assert.ok(pool.idleBytes <= pool.maxIdleBytes)
  assert.equal(pool.leasedBytes, 0)
})

test('over the bound, the buffers given back longest ago go first', () => {
  // Empty the idle pool (what the test above left) by holding on to all of it.
  const held = []
  while (pool.idleBytes > 0) held.push(pool.lease(256 * KiB))
  const old = pool.lease(2 * MiB)
  const fillers = Array.from({ length: pool.maxIdleBytes / MiB }, () => pool.lease(MiB))
  const memory = old.buffer.buffer
  old.release()
  // The fillers given back after it push it out (before, the last two fillers were dropped).
  for (const l of fillers) l.release()
  assert.equal(pool.idleBytes, pool.maxIdleBytes)
  const next = pool.lease(2 * MiB)
  assert.notEqual(next.buffer.buffer, memory, 'the 2 MiB buffer given back first was kept')
  next.release()
  for (const l of held) l.release()
})

test('reuse takes the smallest idle buffer that fits', () => {
  const a = pool.lease(4 * MiB)
  const b = pool.lease(2 * MiB)
  const memory = b.buffer.buffer
  a.release()
  b.release()
  const c = pool.lease(1.5 * MiB)
  assert.equal(c.buffer.buffer, memory)
  c.release()
})
