import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './app.css';
import { Layout } from './components/layout';
import { Notice } from './components/notice';
import { consoleApi } from './console-client';
import { DataPage } from './pages/data-page';
import { InboxPage } from './pages/inbox-page';
import { RunDetailPage } from './pages/run-detail-page';
import { RunsPage } from './pages/runs-page';
import { SqlPage } from './pages/sql-page';
import { interceptLinkClicks, type Route, routePath, useRoute } from './router';
import { useResource } from './use-resource';

const titles: Record<Route['page'], string> = {
  runs: 'Runs',
  run: 'Run',
  inbox: 'Inbox',
  data: 'Data',
  sql: 'SQL',
  'not-found': 'Not found',
};

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'runs':
      return <RunsPage />;
    case 'run':
      return <RunDetailPage runId={route.runId} />;
    case 'inbox':
      return <InboxPage {...(route.messageId === undefined ? {} : { messageId: route.messageId })} />;
    case 'data':
      return <DataPage />;
    case 'sql':
      return <SqlPage />;
    case 'not-found':
      return (
        <Notice kind="error" title="No such page">
          {route.path} is not a page of the console. <a href={routePath({ page: 'runs' })}>Go to the runs</a>.
        </Notice>
      );
  }
}

/** The console: one layout, the page of the current URL; focus moves to the page on navigation. */
function App() {
  const route = useRoute();
  const pipeline = useResource('pipeline', consoleApi.runs);
  const main = useRef(true);
  useEffect(() => {
    document.title = `${titles[route.page]} · shiftflow console`;
    // After an in-app navigation, move focus to the new page (screen readers announce it); not on load.
    if (main.current) {
      main.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [routePath(route)]);
  return (
    <Layout route={route} pipelineName={pipeline.data?.pipeline}>
      <Page route={route} />
    </Layout>
  );
}

document.addEventListener('click', interceptLinkClicks);
const root = document.getElementById('app');
if (root) render(<App />, root);
