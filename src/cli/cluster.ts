/** `samsa cluster`: id, controller, brokers, and the API versions the broker serves. */
import type { CommandSpec } from './command.js'
import { table } from './output.js'

export const clusterCommand: CommandSpec = {
  path: ['cluster'],
  summary: 'Show the cluster id, controller, brokers and supported API versions',
  usage: '[options]',
  connects: true,
  options: { 'no-api-versions': { type: 'boolean', description: 'Leave out the API versions table' } },
  examples: ['samsa cluster', 'samsa cluster --bootstrap-server kafka:9092 --json'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const [admin, { apiSpecs }, { clientRange }] = await Promise.all([ctx.admin(), import('../protocol/generated/index.js'), import('../client/versions.js')])
    const d = await admin.describeCluster()
    const versions = await admin.apiVersions()
    const apis = [...versions].sort(([a], [b]) => a - b).map(([key, r]) => {
      const ours = clientRange(key)
      const used = ours === undefined ? null : Math.min(ours.maxVersion, r.maxVersion) >= Math.max(ours.minVersion, r.minVersion) ? Math.min(ours.maxVersion, r.maxVersion) : null
      return { key, name: apiSpecs.get(key)?.name ?? `Unknown(${key})`, minVersion: r.minVersion, maxVersion: r.maxVersion, clientVersion: used }
    })
    if (ctx.json) return ctx.printJson({ ...d, apiVersions: apis })
    ctx.print(`Cluster id: ${d.clusterId ?? '-'}\nController: ${d.controllerId}\n`)
    ctx.print(table(['BROKER', 'HOST', 'PORT', 'RACK'], d.brokers.map((b) => [b.nodeId, b.host, b.port, b.rack])))
    if (ctx.values['no-api-versions'] !== true) {
      ctx.print('')
      ctx.print(table(['KEY', 'API', 'MIN', 'MAX', 'USED'], apis.map((a) => [a.key, a.name, a.minVersion, a.maxVersion, a.clientVersion])))
    }
  },
}
