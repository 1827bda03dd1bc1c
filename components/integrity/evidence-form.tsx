'use client';

import { Download } from 'lucide-react';
import { useState, useTransition, type FormEvent } from 'react';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Field, Input, Textarea } from '../ui/field';
import { cn } from '../ui/cn';

type Mode = 'streams' | 'range';

/** `datetime-local` gives no zone; the console's times are UTC, so the inputs are too. */
const utc = (local: string) => (local ? new Date(`${local}Z`).toISOString() : '');

function evidenceUrl(mode: Mode, streams: string, from: string, to: string) {
  const query = new URLSearchParams(
    mode === 'streams'
      ? {
          streams: streams
            .split(/[\s,]+/)
            .filter(Boolean)
            .join(','),
        }
      : { from: utc(from), to: utc(to) },
  );
  return `/api/v1/evidence?${query.toString()}`;
}

function fileNameOf(response: Response) {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'chronicle-evidence.ndjson';
}

/** Downloads an evidence file of chosen streams or of a time range; a refusal shows its reason. */
export function EvidenceForm({ defaultStreams = '' }: { defaultStreams?: string }) {
  const [mode, setMode] = useState<Mode>('streams');
  const [streams, setStreams] = useState(defaultStreams);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setSaved(null);
      const response = await fetch(evidenceUrl(mode, streams, from, to), { cache: 'no-store' });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        setError(problem?.detail ?? `The export failed (${response.status})`);
        return;
      }
      setError(null);
      const name = fileNameOf(response);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
      setSaved(name);
    });
  };
  const tab = (value: Mode, label: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      onClick={() => setMode(value)}
      className={cn(
        'rounded px-2 py-0.5 text-xs font-medium text-zinc-600 hover:text-zinc-900',
        mode === value && 'bg-zinc-900 text-white hover:text-white',
      )}
    >
      {label}
    </button>
  );
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 p-4" aria-label="Export evidence">
      <div
        role="group"
        aria-label="What to export"
        className="inline-flex w-fit rounded-md border border-zinc-300 p-0.5"
      >
        {tab('streams', 'Whole streams')}
        {tab('range', 'Time range')}
      </div>
      {mode === 'streams' ? (
        <Field label="Stream ids (comma or space separated, up to 1,000)">
          <Textarea
            name="streams"
            rows={2}
            value={streams}
            onChange={(e) => setStreams(e.target.value)}
            className="font-mono"
            placeholder="workflow-… agent-…"
            required
          />
        </Field>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Field label="Recorded from (UTC)">
            <Input
              type="datetime-local"
              step="1"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              required
            />
          </Field>
          <Field label="Recorded before (UTC)">
            <Input
              type="datetime-local"
              step="1"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              required
            />
          </Field>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" variant="primary" disabled={pending}>
          <Download className="size-3.5" aria-hidden />
          {pending ? 'Exporting…' : 'Export evidence'}
        </Button>
        {error && (
          <Badge tone="red" role="alert" className="whitespace-normal">
            {error}
          </Badge>
        )}
        {saved && (
          <span role="status" className="text-xs text-emerald-700">
            Saved {saved}
          </span>
        )}
      </div>
    </form>
  );
}
