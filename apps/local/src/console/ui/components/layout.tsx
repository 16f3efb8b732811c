import type { ComponentChildren } from 'preact';
import { type LiveConnection, useLiveConnection } from '../live-events';
import type { Route } from '../router';

const sections = [
  { page: 'runs', href: '/runs', label: 'Runs' },
  { page: 'inbox', href: '/inbox', label: 'Inbox' },
  { page: 'data', href: '/data', label: 'Data' },
  { page: 'sql', href: '/sql', label: 'SQL' },
] as const;

const liveLabels: Record<LiveConnection, string> = {
  live: 'live',
  connecting: 'connecting…',
  closed: 'disconnected: open the URL the CLI printed',
};

function sectionOf(route: Route): string {
  return route.page === 'run' ? 'runs' : route.page;
}

/** The frame of every page: the product, the pipeline, the sections and the live indicator. */
export function Layout({
  route,
  pipelineName,
  children,
}: {
  route: Route;
  pipelineName: string | undefined;
  children: ComponentChildren;
}) {
  const live = useLiveConnection();
  const current = sectionOf(route);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ◆
          </span>
          <span>shiftflow</span>
          {pipelineName && <span class="pipeline">{pipelineName}</span>}
        </div>
        <nav aria-label="Console sections">
          <ul>
            {sections.map((section) => (
              <li key={section.page}>
                <a href={section.href} aria-current={current === section.page ? 'page' : undefined}>
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <output class={`live ${live}`} aria-live="polite" data-testid="live-status" data-state={live}>
          {liveLabels[live]}
        </output>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
