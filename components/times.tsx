import { Timestamp } from './timestamp';

export type TimeKindName = 'occurred' | 'recorded';

const MEANING: Record<TimeKindName, string> = {
  occurred: 'Business time: when it happened in the domain',
  recorded: 'System time: when the store committed it',
};

/** Which clock a time is read from, beside the time or its column's name. */
export function TimeKind({ kind }: { kind: TimeKindName }) {
  return (
    <span
      title={MEANING[kind]}
      className="rounded bg-zinc-100 px-1 py-px text-[10px] font-normal tracking-normal text-zinc-600 normal-case"
    >
      {kind}
    </span>
  );
}

/** A time's label (a column header, a fact's name) with the kind of time it shows. */
export function TimeLabel({ label, kind }: { label: string; kind: TimeKindName }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      {label} <TimeKind kind={kind} />
    </span>
  );
}

const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/**
 * A moment on both clocks: the `shown` one, whose kind the label names, and beneath it the
 * other, labelled, when the two differ (an import of older data, a clock ahead of the store's).
 */
export function Times({
  occurredAt,
  recordedAt,
  shown,
}: {
  occurredAt?: string;
  recordedAt?: string;
  shown: TimeKindName;
}) {
  const times = { occurred: occurredAt, recorded: recordedAt };
  const other: TimeKindName = shown === 'occurred' ? 'recorded' : 'occurred';
  const main = times[shown] ?? times[other];
  const second = times[other];
  if (!main) return <span className="text-zinc-500">—</span>;
  return (
    <span className="inline-flex flex-col gap-0.5">
      <span className="inline-flex items-center gap-1.5">
        <Timestamp value={main} />
        {!times[shown] && <TimeKind kind={other} />}
      </span>
      {times[shown] && second && !same(main, second) && (
        <span className="inline-flex items-center gap-1.5 text-zinc-500">
          <Timestamp value={second} />
          <TimeKind kind={other} />
        </span>
      )}
    </span>
  );
}
