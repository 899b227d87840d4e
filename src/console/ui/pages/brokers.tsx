/** Brokers: the controller, the partitions each leads and hosts, their log dirs and sizes. */
import { useApi } from '../api'
import { Badge, ErrorBox, Loading, PageHeader } from '../components/common'
import { bytes, num } from '../format'

interface BrokersResult {
  controllerId: number
  offlinePartitions: number | null
  brokers: {
    id: number
    host: string
    port: number
    rack: string | null
    controller: boolean
    leaderOf: number | null
    replicas: number | null
    underReplicated: number | null
    logDirs: { path: string; sizeBytes: number; totalBytes: number | null; usableBytes: number | null; partitions: number; error: number | null }[]
  }[]
  logDirsError: string | null
}

export function BrokersPage() {
  const b = useApi<BrokersResult>('/api/brokers', 15_000)
  return (
    <section data-page="brokers" data-ready={b.data !== undefined ? '' : undefined}>
      <PageHeader title="Brokers" />
      <ErrorBox error={b.error} onRetry={b.reload} />
      {b.data === undefined && b.error === undefined && <Loading what="brokers" />}
      {b.data !== undefined && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Brokers and their log directories</caption>
            <thead>
              <tr>
                <th scope="col">Broker</th>
                <th scope="col">Address</th>
                <th scope="col">Rack</th>
                <th scope="col" class="num">
                  Leader of
                </th>
                <th scope="col" class="num">
                  Replicas
                </th>
                <th scope="col">Log dir</th>
                <th scope="col" class="num">
                  Partitions
                </th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col" class="num">
                  Disk free
                </th>
                <th scope="col" class="num">
                  Disk total
                </th>
              </tr>
            </thead>
            <tbody>
              {b.data.brokers.flatMap((br) =>
                (br.logDirs.length === 0 ? [null] : br.logDirs).map((d, i) => (
                  <tr key={`${br.id}:${i}`}>
                    <td>
                      {i === 0 && (
                        <>
                          <a href={`#/brokers/${br.id}`}>Broker {br.id}</a>
                          {br.controller && (
                            <>
                              {' '}
                              <Badge kind="ok">controller</Badge>
                            </>
                          )}
                        </>
                      )}
                    </td>
                    <td>{i === 0 && `${br.host}:${br.port}`}</td>
                    <td>{i === 0 && (br.rack ?? '–')}</td>
                    <td class="num">
                      {i === 0 && (
                        <>
                          {num(br.leaderOf)}
                          {br.underReplicated ? (
                            <>
                              {' '}
                              <span title="partitions it leads with replicas out of sync">
                                <Badge kind="warn">{br.underReplicated} under-replicated</Badge>
                              </span>
                            </>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td class="num">{i === 0 && num(br.replicas)}</td>
                    <td>
                      {d === null ? <span class="muted">unknown</span> : <code>{d.path}</code>}
                      {d?.error ? (
                        <>
                          {' '}
                          <Badge kind="bad">error {d.error}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td class="num">{num(d?.partitions)}</td>
                    <td class="num">{bytes(d?.sizeBytes)}</td>
                    <td class="num">{bytes(d?.usableBytes)}</td>
                    <td class="num">{bytes(d?.totalBytes)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      {b.data !== undefined && b.data.offlinePartitions !== null && b.data.offlinePartitions > 0 && (
        <p>
          <Badge kind="bad">{b.data.offlinePartitions} offline</Badge> partitions have no live leader.
        </p>
      )}
      {b.data?.logDirsError && <p class="muted">Log dirs: {b.data.logDirsError}</p>}
    </section>
  )
}
