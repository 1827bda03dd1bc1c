import { ArrowRight } from 'lucide-react';
import Link from 'next/link';
import type { ProjectionView } from '@/lib/projections/views';
import { count } from '../format';
import { Lag } from '../projections/lag';
import { Badge } from '../ui/badge';
import { Card, CardHeader, CardTitle } from '../ui/card';

/** Whether each read model keeps up with the log, at a glance; details on the Projections page. */
export function ProjectionHealth({ projections }: { projections: ProjectionView[] }) {
  return (
    <Card aria-labelledby="projection-health-title">
      <CardHeader>
        <CardTitle id="projection-health-title">Projection health</CardTitle>
        <Link
          href="/projections"
          className="inline-flex items-center gap-1 text-xs text-zinc-500 hover:text-zinc-900 hover:underline"
        >
          Projections
          <ArrowRight className="size-3" aria-hidden />
        </Link>
      </CardHeader>
      <ul className="divide-y divide-zinc-100">
        {projections.map((projection) => (
          <li
            key={projection.name}
            data-testid={`health-${projection.name}`}
            className="flex items-start justify-between gap-3 px-4 py-2.5 text-sm"
          >
            <div className="flex min-w-0 flex-col gap-1">
              <Link
                href="/projections"
                className="truncate font-mono text-xs font-medium text-zinc-900 hover:underline"
              >
                {projection.name}
              </Link>
              <span className="flex flex-wrap gap-1">
                <Badge tone={projection.status === 'running' ? 'green' : 'red'}>
                  {projection.status}
                </Badge>
                {projection.activeReplayId && <Badge tone="blue">replaying</Badge>}
                {projection.failures > 0 && (
                  <Badge tone="red">{count(projection.failures)} failed or parked</Badge>
                )}
              </span>
            </div>
            <div className="shrink-0 text-right text-xs">
              <Lag projection={projection} />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
