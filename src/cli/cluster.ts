/**
 * `samsa cluster`: id, controller, brokers (with the partitions each leads and hosts), and the
 * API versions the broker serves. Each partition's leader, replicas and ISR: `samsa topics describe`.
 */
import type { CommandSpec } from './command.js'
import { table } from './output.js'

export const clusterCommand: CommandSpec = {
  path: ['cluster'],
  summary: 'Show the cluster id, controller, brokers (partitions led and hosted) and supported API versions',
  usage: '[options]',
  connects: true,
  options: { 'no-api-versions': { type: 'boolean', description: 'Leave out the API versions table' } },
  examples: ['samsa cluster', 'samsa cluster --bootstrap-server kafka:9092 --json'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const [admin, { apiSpecs }, { clientRange }] = await Promise.all([ctx.admin(), import('../protocol/generated/index.js'), import('../client/versions.js')])
    const d = await admin.describeCluster()
    const versions = await admin.apiVersions()
    // Partitions led and hosted per broker, internal topics included (offline ones lead nowhere).
    const topics = await admin.describeTopics(undefined, { internal: true }).catch(() => [])
    const leads = new Map<number, number>()
    const hosts = new Map<number, number>()
    for (const t of topics) {
      for (const p of t.partitions) {
        leads.set(p.leader, (leads.get(p.leader) ?? 0) + 1)
        for (const r of p.replicas) hosts.set(r, (hosts.get(r) ?? 0) + 1)
      }
    }
    const brokers = d.brokers.map((b) => ({
      ...b,
      controller: b.nodeId === d.controllerId,
      leaderOf: leads.get(b.nodeId) ?? 0,
      replicas: hosts.get(b.nodeId) ?? 0,
    }))
    const offline = leads.get(-1) ?? 0
    const apis = [...versions]
      .sort(([a], [b]) => a - b)
      .map(([key, r]) => {
        const ours = clientRange(key)
        const used =
          ours === undefined
            ? null
            : Math.min(ours.maxVersion, r.maxVersion) >= Math.max(ours.minVersion, r.minVersion)
              ? Math.min(ours.maxVersion, r.maxVersion)
              : null
        return { key, name: apiSpecs.get(key)?.name ?? `Unknown(${key})`, minVersion: r.minVersion, maxVersion: r.maxVersion, clientVersion: used }
      })
    if (ctx.json) return ctx.printJson({ ...d, brokers, offlinePartitions: offline, apiVersions: apis })
    ctx.print(`Cluster id: ${d.clusterId ?? '-'}\nController: ${d.controllerId}${offline > 0 ? `\nOffline partitions: ${offline} (no live leader)` : ''}\n`)
    ctx.print(
      table(
        ['BROKER', 'HOST', 'PORT', 'RACK', 'CONTROLLER', 'LEADER OF', 'REPLICAS'],
        brokers.map((b) => [b.nodeId, b.host, b.port, b.rack, b.controller ? 'yes' : '', b.leaderOf, b.replicas]),
      ),
    )
    if (ctx.values['no-api-versions'] !== true) {
      ctx.print('')
      ctx.print(
        table(
          ['KEY', 'API', 'MIN', 'MAX', 'USED'],
          apis.map((a) => [a.key, a.name, a.minVersion, a.maxVersion, a.clientVersion]),
        ),
      )
    }
  },
}
