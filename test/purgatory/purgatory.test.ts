// The purgatory model (Kafka's DelayedOperation and DelayedOperationPurgatory): try to complete,
// complete exactly once, expire on timeout, watched by keys and woken when a key changes, all
// cleaned up on close.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DelayedOperation } from '../../src/purgatory/delayed-operation.js'
import { DelayedOperationPurgatory } from '../../src/purgatory/purgatory.js'

// Expiry timers are unref'd (a broker's sockets keep the process alive); a test needs a ref.
let keepAlive: NodeJS.Timeout
before(() => {
  keepAlive = setInterval(() => {}, 60_000)
})
after(() => clearInterval(keepAlive))

/** An operation that completes once `ready` is set; it records what happened to it. */
class Op extends DelayedOperation {
  ready = false
  tries = 0
  readonly events: string[] = []
  readonly settled: Promise<void>
  #settle!: () => void

  constructor(delayMs = 60_000) {
    super(delayMs)
    this.settled = new Promise((r) => {
      this.#settle = r
    })
  }

  tryComplete(): boolean {
    this.tries++
    return this.ready ? this.forceComplete() : false
  }

  protected override onComplete(): void {
    this.events.push('complete')
    this.#settle()
  }

  protected override onExpiration(): void {
    this.events.push('expire')
  }
}

test('an operation whose condition already holds completes at once and is never watched', () => {
  const p = new DelayedOperationPurgatory('test')
  const op = new Op()
  op.ready = true
  assert.equal(p.tryCompleteElseWatch(op, ['a-0']), true)
  assert.deepEqual(op.events, ['complete'])
  assert.equal(p.delayed, 0)
  assert.equal(p.watched('a-0'), 0)
})

test('a watched operation completes exactly once, when a key it watches changes and the condition holds', () => {
  const p = new DelayedOperationPurgatory('test')
  const op = new Op()
  assert.equal(p.tryCompleteElseWatch(op, ['a-0', 'a-1']), false)
  assert.equal(p.delayed, 1)
  assert.equal(p.watched('a-0'), 1)
  assert.equal(p.watched('a-1'), 1)
  assert.equal(p.checkAndComplete('a-0'), 0, 'the condition does not hold yet')
  assert.equal(p.checkAndComplete('b-0'), 0, 'a key nobody watches wakes nobody')
  op.ready = true
  assert.equal(p.checkAndComplete('a-1'), 1)
  assert.equal(p.checkAndComplete('a-0'), 0, 'completed operations leave every watch list')
  assert.equal(op.forceComplete(), false, 'a second completion is refused')
  assert.deepEqual(op.events, ['complete'])
  assert.equal(p.delayed, 0)
  assert.equal(p.watched('a-0') + p.watched('a-1'), 0)
})

test('an operation expires after its delay: onComplete, then onExpiration, and it is no longer watched', async () => {
  const p = new DelayedOperationPurgatory('test')
  const op = new Op(20)
  p.tryCompleteElseWatch(op, ['a-0'])
  await op.settled
  assert.deepEqual(op.events, ['complete', 'expire'])
  assert.equal(p.delayed, 0)
  assert.equal(p.watched('a-0'), 0)
  op.ready = true
  assert.equal(p.checkAndComplete('a-0'), 0)
  assert.deepEqual(op.events, ['complete', 'expire'])
})

test('a completed operation never expires later', async () => {
  const p = new DelayedOperationPurgatory('test')
  const op = new Op(20)
  p.tryCompleteElseWatch(op, ['a-0'])
  op.ready = true
  p.checkAndComplete('a-0')
  await new Promise((r) => setTimeout(r, 60))
  assert.deepEqual(op.events, ['complete'])
})

test('many operations on one key: only those whose condition holds complete', () => {
  const p = new DelayedOperationPurgatory('test')
  const ops = Array.from({ length: 5 }, () => new Op())
  for (const op of ops) p.tryCompleteElseWatch(op, ['k'])
  ops[1]!.ready = true
  ops[3]!.ready = true
  assert.equal(p.checkAndComplete('k'), 2)
  assert.equal(p.watched('k'), 3)
  assert.equal(p.delayed, 3)
  for (const op of ops) op.ready = true
  assert.equal(p.checkAndComplete('k'), 3)
  assert.deepEqual(
    ops.map((o) => o.events.length),
    [1, 1, 1, 1, 1],
  )
})

test('an operation completed from outside (forceComplete) leaves the purgatory too', () => {
  const p = new DelayedOperationPurgatory('test')
  const op = new Op()
  p.tryCompleteElseWatch(op, ['a-0', 'a-1'])
  assert.equal(op.forceComplete(), true)
  assert.equal(p.delayed, 0)
  assert.equal(p.watched('a-0') + p.watched('a-1'), 0)
})

test('close() completes every waiting operation once and clears its timer; later ones complete at once', async () => {
  const p = new DelayedOperationPurgatory('test')
  const ops = [new Op(30), new Op(30)]
  p.tryCompleteElseWatch(ops[0]!, ['a-0'])
  p.tryCompleteElseWatch(ops[1]!, ['a-0', 'b-0'])
  p.close()
  assert.equal(p.delayed, 0)
  assert.equal(p.watched('a-0') + p.watched('b-0'), 0)
  await new Promise((r) => setTimeout(r, 60))
  assert.deepEqual(
    ops.map((o) => o.events),
    [['complete'], ['complete']],
    'no expiry after close',
  )
  const late = new Op()
  assert.equal(p.tryCompleteElseWatch(late, ['a-0']), true)
  assert.deepEqual(late.events, ['complete'])
})

test('an operation must watch at least one key', () => {
  assert.throws(() => new DelayedOperationPurgatory('test').tryCompleteElseWatch(new Op(), []))
})
