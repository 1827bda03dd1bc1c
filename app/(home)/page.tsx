import Link from 'next/link';
import { EventChartCard } from '@/components/dashboard/event-chart-card';
import { LogHealthCard } from '@/components/dashboard/log-health-card';
import { LogHealthRefresh } from '@/components/dashboard/log-health-refresh';
import { chartData, chartWindow, dashboardQuery } from '@/components/dashboard/event-chart-data';
import { ProjectionHealth } from '@/components/dashboard/projection-health';
import { FirstEventHint } from '@/components/first-event-hint';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { StatCard } from '@/components/stat-card';
import { TimeLabel } from '@/components/times';
import { Timestamp } from '@/components/timestamp';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@/components/ui/table';
import { hrefWith, parseSearchParams, type RawSearchParams } from '@/lib/console/search-params';
import { getChronicle, getStore } from '@/lib/runtime';
import { requireActor } from '../_session/session';

const number = (value: number) => value.toLocaleString('en-US');

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const query = parseSearchParams(dashboardQuery, await searchParams);
  const range = query.ok ? query.data.range : '30d';
  const period = chartWindow(range, new Date());
  const chronicle = await getChronicle();
  const { projections } = chronicle;
  const [stats, health, buckets, log] = await Promise.all([
    (await getStore()).stats({ actor }),
    projections.list({ actor }),
    projections.eventStats({ actor, ...period }),
    chronicle.logHealth({ actor }),
  ]);
  return (
    <>
      <PageHeader title="Dashboard" description="What this Chronicle store holds, by category." />
      <div className="mb-6 grid grid-cols-3 gap-4">
        <StatCard label="Streams" value={stats.streams} />
        <StatCard label="Events" value={stats.events} />
        <StatCard label="Categories" value={stats.categories.length} />
      </div>
      {!query.ok && (
        <div className="mb-6">
          <Notice title="This range is not one the chart offers; it shows the last 30 days">
            <p>{query.error}</p>
          </Notice>
        </div>
      )}
      <div className="mb-6 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <EventChartCard
            range={range}
            period={period}
            data={chartData(buckets, period)}
            stats={health.find((projection) => projection.name === 'event-stats')}
          />
        </div>
        <ProjectionHealth projections={health} />
      </div>
      <LogHealthCard health={log} />
      <LogHealthRefresh warning={log.warning} />
      <Card>
        <CardHeader>
          <CardTitle>Categories</CardTitle>
        </CardHeader>
        {stats.categories.length === 0 ? (
          <FirstEventHint />
        ) : (
          <Table>
            <TableHead>
              <tr>
                <TableHeaderCell>Category</TableHeaderCell>
                <TableHeaderCell className="text-right">Streams</TableHeaderCell>
                <TableHeaderCell className="text-right">Events</TableHeaderCell>
                <TableHeaderCell>
                  <TimeLabel label="Last update" kind="recorded" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <span className="sr-only">Links</span>
                </TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {stats.categories.map((row) => (
                <TableRow key={row.category}>
                  <TableCell>
                    <Link
                      href={hrefWith('/streams', { category: row.category })}
                      className="font-mono font-medium text-zinc-900 hover:underline"
                    >
                      {row.category}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{number(row.streams)}</TableCell>
                  <TableCell className="text-right tabular-nums">{number(row.events)}</TableCell>
                  <TableCell>
                    <Timestamp value={row.lastUpdatedAt} />
                  </TableCell>
                  <TableCell className="text-right text-xs">
                    <Link
                      href={hrefWith('/events', { category: row.category })}
                      className="text-zinc-500 hover:text-zinc-900 hover:underline"
                    >
                      Events
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
