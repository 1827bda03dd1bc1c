import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The WCAG 2.1 A and AA rules: what every page of the console must pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Ids a spec creates before its visit, so that pages show data rather than empty states. */
export type PageData = { streamId: string; workflowId: string; agentId: string; eventId: string };

/**
 * Every page of the console, by name, with its path and whether it needs a signed-out browser.
 * A new page is one line here.
 */
export const CONSOLE_PAGES: {
  name: string;
  path: (data: PageData) => string;
  signedOut?: boolean;
}[] = [
  { name: 'dashboard', path: () => '/' },
  { name: 'streams', path: () => '/streams' },
  { name: 'a stream', path: ({ streamId }) => `/streams/${encodeURIComponent(streamId)}` },
  { name: 'events', path: () => '/events' },
  { name: 'an event', path: ({ eventId }) => `/events/${eventId}` },
  { name: 'workflows', path: () => '/workflows' },
  { name: 'a workflow', path: ({ workflowId }) => `/workflows/${workflowId}` },
  { name: 'new workflow', path: () => '/workflows/new' },
  { name: 'agents', path: () => '/agents' },
  { name: 'an agent', path: ({ agentId }) => `/agents/${agentId}` },
  { name: 'projections', path: () => '/projections' },
  {
    name: 'snapshots',
    path: ({ streamId }) => `/snapshots?stream=${encodeURIComponent(streamId)}`,
  },
  { name: 'integrity', path: () => '/integrity' },
  { name: 'retention', path: () => '/retention' },
  { name: 'audit', path: () => '/audit' },
  { name: 'users', path: () => '/users' },
  { name: 'tokens', path: () => '/tokens' },
  { name: 'data subjects', path: () => '/subjects' },
  { name: 'account', path: () => '/account' },
  { name: 'sign-in', path: () => '/sign-in', signedOut: true },
  { name: '404', path: () => '/no-such-page' },
];

export type Violation = { id: string; impact: string; help: string; targets: string[] };

/** The serious and critical WCAG 2.1 AA violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Violations as lines a person can act on: rule, impact, what it asks, and where. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.targets.map((target) => `    at ${target}`).join('\n')}`,
    )
    .join('\n');
}
