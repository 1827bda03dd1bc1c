import { EmptyState } from './empty-state';

const EXAMPLE = `curl -X POST http://localhost:3000/api/v1/streams/sample-1/events \\
  -H "Authorization: Bearer $CHRONICLE_BOOTSTRAP_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"events":[{"type":"SampleRecorded","data":{"note":"first event"}}]}'`;

/** What an empty store says: how to get a first event into it. */
export function FirstEventHint() {
  return (
    <EmptyState title="No events yet">
      <p>
        Load sample research workflows with{' '}
        <code className="font-mono text-zinc-700">npm run demo</code>, or append a first event
        through the REST API:
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-zinc-900 p-3 text-left font-mono text-xs text-zinc-100">
        {EXAMPLE}
      </pre>
    </EmptyState>
  );
}
