import { test } from 'node:test'
import assert from 'node:assert/strict'
import { clientRange, pickVersion, requestHeaderVersion, responseHeaderVersion } from '../../src/client/versions.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ClientError } from '../../src/client/errors.js'

test('picks min(our max, broker max)', () => {
  const ours = clientRange(ApiKey.Metadata)!
  assert.equal(pickVersion(ApiKey.Metadata, new Map([[ApiKey.Metadata, { minVersion: 0, maxVersion: 7 }]])), 7)
  assert.equal(pickVersion(ApiKey.Metadata, new Map([[ApiKey.Metadata, { minVersion: 0, maxVersion: 999 }]])), ours.maxVersion)
})

test('respects caller limits', () => {
  const broker = new Map([[ApiKey.Fetch, { minVersion: 0, maxVersion: 17 }]])
  assert.equal(pickVersion(ApiKey.Fetch, broker, { maxVersion: 12 }), 12)
  assert.throws(
    () => pickVersion(ApiKey.Fetch, new Map([[ApiKey.Fetch, { minVersion: 0, maxVersion: 3 }]]), { minVersion: 4 }),
    (e: unknown) => e instanceof ClientError && e.code === 'SAMSA_CLIENT_UNSUPPORTED',
  )
})

test('an API the broker does not list is unsupported', () => {
  assert.throws(() => pickVersion(ApiKey.DescribeCluster, new Map()), /does not support the DescribeCluster API/)
})

test('no overlap is unsupported', () => {
  assert.throws(() => pickVersion(ApiKey.Produce, new Map([[ApiKey.Produce, { minVersion: 50, maxVersion: 60 }]])), /no common version of Produce/)
})

test('header versions follow flexibility; ApiVersions answers with header v0', () => {
  assert.equal(requestHeaderVersion(ApiKey.Metadata, 8), 1)
  assert.equal(requestHeaderVersion(ApiKey.Metadata, 9), 2)
  assert.equal(responseHeaderVersion(ApiKey.Metadata, 8), 0)
  assert.equal(responseHeaderVersion(ApiKey.Metadata, 9), 1)
  assert.equal(requestHeaderVersion(ApiKey.ApiVersions, 3), 2)
  assert.equal(responseHeaderVersion(ApiKey.ApiVersions, 3), 0)
})
