/** The console's entry point: the router picks a page inside the layout. */
import { render } from 'preact'
import './styles.css'
import { Layout } from './components/layout'
import { match, useRoute } from './router'
import { OverviewPage } from './pages/overview'
import { TopicsPage } from './pages/topics'
import { TopicPage } from './pages/topic'
import { TopicConfigsPage } from './pages/topic-configs'
import { MessagesPage } from './pages/messages'
import { GroupsPage } from './pages/groups'
import { GroupPage } from './pages/group'
import { TransactionsPage } from './pages/transactions'
import { BrokersPage } from './pages/brokers'
import { BrokerPage } from './pages/broker'

function Page(props: { path: string; query: URLSearchParams }) {
  const { path, query } = props
  let m: Record<string, string> | undefined
  if (path === '/' || path === '') return <OverviewPage />
  if (match('/topics', path)) return <TopicsPage />
  if ((m = match('/topics/:name', path))) return <TopicPage name={m.name!} />
  if ((m = match('/topics/:name/messages', path))) return <MessagesPage name={m.name!} query={query} />
  if ((m = match('/topics/:name/configs', path))) return <TopicConfigsPage name={m.name!} />
  if (match('/groups', path)) return <GroupsPage />
  if ((m = match('/groups/:id', path))) return <GroupPage id={m.id!} />
  if (match('/transactions', path)) return <TransactionsPage />
  if (match('/brokers', path)) return <BrokersPage />
  if ((m = match('/brokers/:id', path))) return <BrokerPage id={m.id!} />
  return (
    <p>
      No such page. <a href="#/">Back to the overview</a>
    </p>
  )
}

function App() {
  const route = useRoute()
  return (
    <Layout path={route.path}>
      <Page key={route.path} path={route.path} query={route.query} />
    </Layout>
  )
}

const root = document.getElementById('app')!
root.textContent = ''
render(<App />, root)
