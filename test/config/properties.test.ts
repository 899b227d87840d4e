import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '../../src/config/config-def.js'
import { parseProperties, parsePropertyLines, readPropertiesFile } from '../../src/config/properties.js'

const obj = (text: string): Record<string, string> => Object.fromEntries(parseProperties(text))

test('separators: =, :, whitespace, and surrounding blanks', () => {
  assert.deepEqual(obj('a=1\nb: 2\nc 3\n  d  =  4\ne\t:\t5\nf:=6\ng = = 7'), {
    a: '1',
    b: '2',
    c: '3',
    d: '4',
    e: '5',
    f: '=6',
    g: '= 7',
  })
})

test('trailing whitespace of values is kept, leading is dropped', () => {
  assert.deepEqual(obj('a =  x y  '), { a: 'x y  ' })
})

test('keys without values, and empty values', () => {
  assert.deepEqual(obj('lonely\nempty=\nspace   \n'), { lonely: '', empty: '', space: '' })
})

test('comments with # and ! and blank lines are skipped; # inside a value is kept', () => {
  assert.deepEqual(obj('# c1\n  ! c2\n\n   \na=b # not a comment\n'), { a: 'b # not a comment' })
})

test('line endings \\n, \\r\\n and \\r all end lines', () => {
  assert.deepEqual(obj('a=1\r\nb=2\rc=3\n'), { a: '1', b: '2', c: '3' })
})

test("continuation lines join and drop the next line's leading whitespace", () => {
  assert.deepEqual(obj('listeners=PLAINTEXT://:9092,\\\n    OTHER://:9093\nx=y'), {
    listeners: 'PLAINTEXT://:9092,OTHER://:9093',
    x: 'y',
  })
  // a continuation line starting with # is part of the value, not a comment
  assert.deepEqual(obj('a=1\\\n#2'), { a: '1#2' })
  // continuation across a CRLF
  assert.deepEqual(obj('a=x\\\r\n  y'), { a: 'xy' })
})

test('an even number of trailing backslashes is an escaped backslash, not a continuation', () => {
  assert.deepEqual(obj('path=C:\\\\dir\\\\\nnext=1'), { path: 'C:\\dir\\', next: '1' })
})

test('a comment line ending in a backslash does not continue', () => {
  assert.deepEqual(obj('# comment \\\na=1'), { a: '1' })
})

test('escapes: \\t \\n \\r \\f \\uXXXX \\\\ and escaped separators in keys', () => {
  assert.deepEqual(obj('k=a\\tb\\nc\\rd\\fe'), { k: 'a\tb\nc\rd\fe' })
  assert.deepEqual(obj('u=\\u0041\\u00e9\\u20AC'), { u: 'Aé€' })
  assert.deepEqual(obj('back=\\\\'), { back: '\\' })
  assert.deepEqual(obj('key\\=with\\:seps\\ and\\ space = v'), { 'key=with:seps and space': 'v' })
  // a backslash before an ordinary character stands for that character
  assert.deepEqual(obj('q=\\a\\b\\"'), { q: 'ab"' })
})

test('malformed \\u escape is a ConfigError naming the line', () => {
  assert.throws(
    () => parseProperties('a=1\nb=\\u12G4', 'server.properties'),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError)
      assert.match(err.message, /server\.properties: line 2/)
      return true
    },
  )
})

test('later duplicates win; line numbers point at the start of the logical line', () => {
  assert.deepEqual(obj('a=1\na=2'), { a: '2' })
  const lines = parsePropertyLines('# c\n\nx=1\\\n 2\ny=3')
  assert.deepEqual(lines, [
    { key: 'x', value: '12', line: 3 },
    { key: 'y', value: '3', line: 5 },
  ])
})

test('UTF-8 text and a byte-order mark', () => {
  assert.deepEqual(obj('\ufeffname=café'), { name: 'café' })
})

test('readPropertiesFile reads a real file; a missing one is a ConfigError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-props-'))
  try {
    const file = join(dir, 'server.properties')
    writeFileSync(file, '# broker\nnode.id=3\nlog.dirs=/var/lib/samsa\r\nlisteners = PLAINTEXT://:19092\n')
    assert.deepEqual(Object.fromEntries(readPropertiesFile(file)), {
      'node.id': '3',
      'log.dirs': '/var/lib/samsa',
      listeners: 'PLAINTEXT://:19092',
    })
    assert.throws(() => readPropertiesFile(join(dir, 'nope.properties')), /cannot read properties file .*file not found/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
