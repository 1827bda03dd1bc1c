import Link from 'next/link';
import { EmptyState } from '../empty-state';
import { FilterForm } from '../filter-form';
import { InputNotice } from '../input-notice';
import { streamHref } from '../stream-href';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { Field, Input } from '../ui/field';
import { StreamSnapshotTable } from './stream-snapshot-table';
import { TakeSnapshotButton } from './take-snapshot-button';
import type { Result } from '@/lib/console/result';
import type { SnapshotRow } from '@/lib/snapshots/stream-snapshots';

export type StreamSnapshots =
  | { kind: 'none' }
  | { kind: 'invalid'; error: string }
  | { kind: 'unknown'; streamId: string }
  | { kind: 'found'; streamId: string; snapshotable: boolean; rows: SnapshotRow[] };

type Take = () => Promise<Result<{ streamId: string; version: number }>>;

/** One stream's snapshots, found by its id, with the operator's button to take one now. */
export function StreamSnapshotsCard({
  found,
  take,
  canTake,
}: {
  found: StreamSnapshots;
  take?: Take;
  canTake: boolean;
}) {
  const streamId = 'streamId' in found ? found.streamId : '';
  return (
    <Card className="mb-5" aria-labelledby="stream-snapshots-title">
      <CardHeader>
        <CardTitle id="stream-snapshots-title">By stream</CardTitle>
        {found.kind === 'found' &&
          found.snapshotable &&
          (canTake && take ? (
            <TakeSnapshotButton take={take} />
          ) : (
            <p className="text-xs text-zinc-600">Taking a snapshot needs the operator role.</p>
          ))}
      </CardHeader>
      <CardContent className="border-b border-zinc-200">
        <FilterForm action="/snapshots" clearHref="/snapshots">
          <Field label="Stream id">
            <Input
              name="stream"
              defaultValue={streamId}
              placeholder="workflow-…"
              className="w-[26rem] font-mono"
            />
          </Field>
        </FilterForm>
      </CardContent>
      {found.kind === 'invalid' && (
        <div className="p-4">
          <InputNotice
            title="This is not a stream id"
            error={found.error}
            resetHref="/snapshots"
            resetLabel="Clear"
          />
        </div>
      )}
      {found.kind === 'unknown' && (
        <EmptyState title="No stream has this id">
          Check the id on the{' '}
          <Link href="/streams" className="underline">
            streams page
          </Link>
          .
        </EmptyState>
      )}
      {found.kind === 'found' &&
        (found.rows.length > 0 ? (
          <StreamSnapshotTable rows={found.rows} />
        ) : (
          <EmptyState title="No snapshots of this stream">
            {found.snapshotable ? (
              <>
                Its state is folded from the first event on every uncached read of{' '}
                <Link href={streamHref(found.streamId)} className="font-mono underline">
                  {found.streamId}
                </Link>
                .
              </>
            ) : (
              'Only workflow and agent streams have states to take snapshots of.'
            )}
          </EmptyState>
        ))}
      {found.kind === 'none' && (
        <p className="px-4 py-3 text-sm text-zinc-600">
          Give a stream id to see its snapshots, their sizes and when they were taken.
        </p>
      )}
    </Card>
  );
}
