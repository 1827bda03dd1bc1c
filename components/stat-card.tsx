import { Card } from './ui/card';

export function StatCard({ label, value }: { label: string; value: number }) {
  return (
    <Card className="px-4 py-3">
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">
        {value.toLocaleString('en-US')}
      </p>
    </Card>
  );
}
