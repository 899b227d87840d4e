/** Cluster overview: id, brokers, counts, disk use and live produce/consume rates. */
import { useApi } from '../api'
import { LineChart } from '../components/chart'
import { Badge, ErrorBox, Loading, PageHeader, Stat } from '../components/common'
import { bytes, num, rate } from '../format'

interface LogDir {
  broker: number
  path: string
  totalBytes: number | null
  usableBytes: number | null
  sizeBytes: number
  partitions: number
}
export interface Overview {
  bootstrap: string
  clusterId: string | null
  controllerId: number
  brokers: { id: number; host: string; port: number; rack: string | null; controller: boolean }[]
  topics: number | null
  internalTopics: number | null
  partitions: number | null
  underReplicatedPartitions: number | null
  offlinePartitions: number | null
  records: number | null
  groups: number | null
  groupsError: string | null
  diskBytes: number | null
  logDirs: LogDir[] | null
  logDirsError: string | null
}
interface Rates {
  intervalMs: number
  samples: { t: number; produced: number | null; consumed: number | null }[]
}

export function OverviewPage() {
  const o = useApi<Overview>('/api/overview', 10_000)
  const r = useApi<Rates>('/api/rates', 2_000)
  const samples = r.data?.samples ?? []
  const latest = samples[samples.length - 1]
  return (
    <section data-page="overview" data-ready={o.data !== undefined ? '' : undefined}>
      <PageHeader title="Overview" />
      <ErrorBox error={o.error} onRetry={o.reload} />
      {o.data === undefined && o.error === undefined && <Loading what="the cluster" />}
      {o.data !== undefined && (
        <>
          <div class="stats">
            <Stat label="Cluster id" value={<code>{o.data.clusterId ?? '–'}</code>} />
            <Stat label="Brokers" value={num(o.data.brokers.length)} hint={`controller: ${o.data.controllerId}`} />
            <Stat label="Topics" value={num(o.data.topics)} hint={o.data.internalTopics ? `+ ${o.data.internalTopics} internal` : undefined} />
            <Stat label="Partitions" value={num(o.data.partitions)} />
            <Stat
              label="Under-replicated"
              value={
                o.data.underReplicatedPartitions ? <Badge kind="warn">{num(o.data.underReplicatedPartitions)}</Badge> : num(o.data.underReplicatedPartitions)
              }
              hint="partitions with replicas out of sync"
            />
            <Stat
              label="Offline"
              value={o.data.offlinePartitions ? <Badge kind="bad">{num(o.data.offlinePartitions)}</Badge> : num(o.data.offlinePartitions)}
              hint="partitions without a live leader"
            />
            <Stat label="Records" value={num(o.data.records)} />
            <Stat
              label="Consumer groups"
              value={o.data.groups === null ? '–' : num(o.data.groups)}
              hint={o.data.groupsError === null ? undefined : 'not available'}
            />
            <Stat label="Disk used" value={bytes(o.data.diskBytes)} />
            <Stat label="Produce" value={`${rate(latest?.produced)} /s`} hint="records appended" />
            <Stat label="Consume" value={`${rate(latest?.consumed)} /s`} hint="records committed by groups" />
          </div>
          <LineChart
            title="Throughput (records per second)"
            unit="records/s"
            empty="Collecting samples… (rates appear after two samples)"
            series={[
              { name: 'produced', color: 'var(--c1)', points: samples.map((s) => ({ t: s.t, v: s.produced })) },
              { name: 'consumed', color: 'var(--c2)', points: samples.map((s) => ({ t: s.t, v: s.consumed })) },
            ]}
          />
          <h2>Brokers</h2>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Brokers of the cluster</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Host</th>
                  <th scope="col">Port</th>
                  <th scope="col">Rack</th>
                  <th scope="col">Role</th>
                  <th scope="col" class="num">
                    Disk used
                  </th>
                  <th scope="col" class="num">
                    Disk free
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.data.brokers.map((b) => {
                  const dirs = o.data!.logDirs?.filter((d) => d.broker === b.id) ?? []
                  const used = dirs.reduce((s, d) => s + d.sizeBytes, 0)
                  const free = dirs.reduce((s, d) => s + (d.usableBytes ?? 0), 0)
                  return (
                    <tr key={b.id}>
                      <td>
                        <a href={`#/brokers/${b.id}`}>{b.id}</a>
                      </td>
                      <td>{b.host}</td>
                      <td>{b.port}</td>
                      <td>{b.rack ?? '–'}</td>
                      <td>{b.controller ? <Badge kind="ok">controller</Badge> : 'broker'}</td>
                      <td class="num">{o.data!.logDirs === null ? '–' : bytes(used)}</td>
                      <td class="num">{o.data!.logDirs === null ? '–' : bytes(free)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          {o.data.groupsError !== null && <p class="muted">Consumer groups: {o.data.groupsError}</p>}
          {o.data.logDirsError !== null && <p class="muted">Disk use: {o.data.logDirsError}</p>}
        </>
      )}
    </section>
  )
}
