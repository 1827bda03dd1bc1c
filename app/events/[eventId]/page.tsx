import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CopyButton } from '@/components/copy-button';
import { CausationChain } from '@/components/events/causation-chain';
import { CorrelationGraph } from '@/components/events/correlation-graph';
import { EventDetails, Item } from '@/components/events/event-details';
import { eventHref, explorerHref } from '@/components/events/event-href';
import { EventLinkRow } from '@/components/events/event-link-row';
import { PageHeader } from '@/components/page-header';
import { streamHref } from '@/components/stream-href';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { causationLayout } from '@/lib/console/causation-layout';
import { isChronicleError } from '@/lib/errors';
import { getStore } from '@/lib/runtime';
import { recordRead } from '../../_session/audit';
import { requireActor } from '../../_session/session';

type Props = { params: Promise<{ eventId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A correlation group is drawn whole up to this many events. */
const GROUP_LIMIT = 1000;

export const metadata: Metadata = { title: 'Event' };

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

async function findEvent(eventId: string) {
  const actor = await requireActor();
  if (!UUID.test(eventId)) return null;
  try {
    return { actor, event: await (await getStore()).getEvent({ actor, eventId }) };
  } catch (error) {
    if (isChronicleError(error, 'not_found')) return null;
    throw error;
  }
}

const link =
  'font-mono break-all text-zinc-900 underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-900';

export default async function EventPage({ params }: Props) {
  const found = await findEvent((await params).eventId);
  if (!found) notFound();
  const { actor, event } = found;
  const store = await getStore();
  const actorName = text(event.metadata.actor);
  const correlationId = text(event.metadata.correlationId);
  const causationId = text(event.metadata.causationId);
  const [causation, group] = await Promise.all([
    store.readCausation({ actor, eventId: event.eventId }),
    correlationId
      ? store.readCorrelation({ actor, correlationId, limit: GROUP_LIMIT })
      : Promise.resolve(null),
  ]);
  await recordRead(actor, `event:${event.eventId}`);
  const cause = causation.causes[0];
  const graph = group ? causationLayout(group.events) : null;
  return (
    <>
      <PageHeader
        breadcrumb={
          <>
            <Link href="/events" className="hover:underline">
              Events
            </Link>{' '}
            /{' '}
            <Link href={streamHref(event.streamId)} className="font-mono hover:underline">
              {event.streamId}
            </Link>
          </>
        }
        title={event.type}
        description={`Version ${event.version} of ${event.streamId}, position ${event.position} in the global log`}
      />
      <div className="flex flex-col gap-5">
        <Card>
          <CardHeader>
            <CardTitle>Event</CardTitle>
            <CopyButton value={event.eventId} label="Copy event id" title="Copy the event id" />
          </CardHeader>
          <EventDetails
            event={event}
            more={
              <>
                <Item label="Actor">
                  {actorName ? (
                    <Link href={explorerHref({ actor: actorName })} className={link}>
                      {actorName}
                    </Link>
                  ) : (
                    <span className="text-zinc-500">none recorded</span>
                  )}
                </Item>
                <Item label="Correlation id">
                  {correlationId ? (
                    <Link href={explorerHref({ correlationId })} className={link}>
                      {correlationId}
                    </Link>
                  ) : (
                    <span className="text-zinc-500">none</span>
                  )}
                </Item>
                <Item label="Causation id">
                  {cause ? (
                    <Link href={eventHref(cause.eventId)} className={link}>
                      {causationId}
                    </Link>
                  ) : (
                    <span className="font-mono break-all text-zinc-600">
                      {causationId ?? 'none'}
                      {causationId && (
                        <span className="block font-sans text-zinc-500">
                          no stored event has this id
                        </span>
                      )}
                    </span>
                  )}
                </Item>
              </>
            }
          />
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Causation chain</CardTitle>
            <span className="text-xs text-zinc-600">
              Followed through metadata.causationId, up to 50 steps each way
            </span>
          </CardHeader>
          <div className="p-4">
            <CausationChain event={event} causation={causation} />
          </div>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Correlation group</CardTitle>
            {correlationId && (
              <Link
                href={explorerHref({ correlationId })}
                className="text-xs text-zinc-700 underline"
              >
                Open in the explorer
              </Link>
            )}
          </CardHeader>
          {!group || !graph ? (
            <p className="p-4 text-sm text-zinc-600">This event carries no correlation id.</p>
          ) : (
            <div className="flex flex-col gap-5 p-4">
              <section aria-labelledby="timeline-heading">
                <h3 id="timeline-heading" className="mb-2 text-xs font-medium text-zinc-600">
                  {group.events.length}
                  {group.events.length === GROUP_LIMIT ? '+' : ''} events in{' '}
                  {new Set(group.events.map((e) => e.streamId)).size} streams, in commit order
                </h3>
                <ol
                  aria-label="Correlation timeline"
                  className="flex max-h-[420px] flex-col gap-0.5 overflow-y-auto"
                >
                  {group.events.map((member) => (
                    <EventLinkRow
                      key={member.eventId}
                      event={member}
                      current={member.eventId === event.eventId}
                    />
                  ))}
                </ol>
                {group.events.length === GROUP_LIMIT && (
                  <p className="mt-2 text-xs text-zinc-600">
                    The first {GROUP_LIMIT} are shown; the explorer pages through the rest.
                  </p>
                )}
              </section>
              <section aria-labelledby="graph-heading">
                <h3 id="graph-heading" className="mb-2 text-xs font-medium text-zinc-600">
                  Graph: causes on the left, what they caused to the right
                </h3>
                <CorrelationGraph
                  nodes={graph.nodes}
                  edges={graph.edges}
                  currentId={event.eventId}
                />
              </section>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
