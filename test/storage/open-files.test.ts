// Descriptors of segment files are opened when used and closed when idle (OpenFiles): a log at
// rest holds none (index files never hold one), the number open stays within the capacity,
// a pinned (retained) file stays readable through renames and unlinks, and an unpinned one
// reopens by its current path.
import assert from 'node:assert/strict'
import { readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { LogManager } from '../../src/storage/log-manager.js'
import { OpenFiles } from '../../src/storage/open-files.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { FaultyFs } from '../support/faulty-fs.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

describe('OpenFiles', () => {
  it('keeps at most `capacity` descriptors, never closing a pinned one', () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const files = new OpenFiles(fs, { capacity: 3 })
    const handles = Array.from({ length: 6 }, (_, i) => {
      writeFileSync(join(dir, `f${i}`), `content ${i}`)
      return files.file(join(dir, `f${i}`))
    })
    const pinned = handles[0]!.pin()
    for (const h of handles.slice(1)) h.use(() => {})
    assert.equal(files.openCount, 3)
    assert.equal(fs.openFds, 3)
    assert.ok(handles[0]!.isOpen, 'the pinned file stayed open')
    const buf = Buffer.alloc(9)
    fs.readSync(pinned, buf, 0, 9, 0)
    assert.equal(buf.toString(), 'content 0')
    handles[0]!.unpin()
    files.closeAllIdle()
    assert.equal(fs.openFds, 0)
  })

  it('closes descriptors idle for idleMs', () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const files = new OpenFiles(fs, { capacity: 10, idleMs: 1000 })
    writeFileSync(join(dir, 'a'), 'a')
    const h = files.file(join(dir, 'a'))
    h.use(() => {})
    assert.equal(files.closeIdle(Date.now()), 0)
    assert.equal(files.closeIdle(Date.now() + 2000), 1)
    assert.equal(fs.openFds, 0)
  })

  it('a pinned file survives rename and unlink; an unpinned one reopens by its new path; a disposed one does not reopen', () => {
    const dir = tempDir()
    const files = new OpenFiles(new FaultyFs())
    const path = join(dir, 'seg.log')
    writeFileSync(path, 'hello')
    const h = files.file(path)
    const fd = h.pin()
    renameSync(path, path + '.deleted')
    unlinkSync(path + '.deleted')
    const buf = Buffer.alloc(5)
    files.fs.readSync(fd, buf, 0, 5, 0)
    assert.equal(buf.toString(), 'hello', 'readable through the open descriptor')
    h.unpin()
    h.closeFd()
    assert.throws(() => h.pin(), /ENOENT/)

    const path2 = join(dir, 'other.log')
    writeFileSync(path2, 'again')
    const h2 = files.file(path2)
    h2.use(() => {})
    h2.closeFd()
    renameSync(path2, path2 + '.swap')
    h2.path = path2 + '.swap'
    h2.use((fd2) => files.fs.readSync(fd2, buf, 0, 5, 0))
    assert.equal(buf.toString(), 'again')
    h2.dispose()
    assert.throws(() => h2.pin(), /closed/)
  })

  it('a retained segment file stays readable after retention deletes the segment', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 1024, retentionBytes: 1 }))
    for (let i = 0; i < 20; i++) log.append(batch([`r${i}-${'q'.repeat(200)}`]), { now: 0n })
    await log.whenWritten()
    const oldest = log.segments[0]!
    const size = oldest.size
    const held = oldest.retainFile()
    assert.ok((await log.deleteOldSegments()) > 0)
    assert.ok(!readdirSync(dir).includes('00000000000000000000.log'), 'unlinked')
    const buf = Buffer.alloc(size)
    assert.equal(await held.read(buf, 0, size, 0), size)
    assert.equal(buf.readBigInt64BE(0), 0n, 'the first batch, offset 0')
    held.release()
    held.release()
    await assert.rejects(held.read(buf, 0, 1, 0), /released/)
    await log.close()
  })

  it('a log manager with many partitions holds no descriptors at rest and no more than maxLogs in use', async () => {
    const root = tempDir()
    const fs = new FaultyFs()
    const config = smallConfig({ segmentBytes: 1024 })
    const manager = await LogManager.start({ logDirs: [root], fs, defaultConfig: config, maxLogs: 50, cleaner: { enabled: false } })
    for (let p = 0; p < 50; p++) {
      const log = await manager.getOrCreateLog('many', p)
      for (let i = 0; i < 12; i++) log.append(batch([`p${p}-${i}-${'w'.repeat(100)}`]), { now: 0n })
      await log.whenWritten()
    }
    // Segment descriptors; a flush in the background may hold a checkpoint or index file for a moment.
    assert.ok(manager.openFileCount <= 50, `${manager.openFileCount} open`)
    await assert.rejects(manager.getOrCreateLog('many', 50), /at most 50|more than 50/)
    await manager.shutdown()
    assert.equal(fs.openFds, 0, 'shutdown closes everything')

    const again = await LogManager.start({ logDirs: [root], fs, defaultConfig: config, maxLogs: 50, cleaner: { enabled: false } })
    assert.equal(again.logCount, 50)
    assert.equal(fs.openFds, 0, 'loading leaves no descriptor open')
    assert.equal(readAll(again.getLog('many', 49)!).length, 12)
    assert.ok(fs.openFds <= again.getLog('many', 49)!.segmentCount, 'reading one log opens only its segments')
    await again.shutdown()
  })
})
