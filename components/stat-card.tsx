import type { ReactNode } from 'react';
import { Card } from './ui/card';

/** A headline figure: numbers get thousands separators; text (a cost, a ratio) shows as given. */
export function StatCard({
  label,
  value,
  detail,
}: {
  label: string;
  value: number | string;
  detail?: ReactNode;
}) {
  return (
    <Card className="px-4 py-3">
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">
        {typeof value === 'number' ? value.toLocaleString('en-US') : value}
      </p>
      {detail && <p className="mt-0.5 text-xs text-zinc-500">{detail}</p>}
    </Card>
  );
}
