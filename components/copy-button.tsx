'use client';

import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from './ui/button';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `value` to the clipboard; with a `label` it shows text, without it only an icon. */
export function CopyButton({
  value,
  label,
  title,
}: {
  value: string;
  label?: string;
  title: string;
}) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // The clipboard needs a secure context and permission; say so instead of failing silently.
      setState('failed');
    }
  };

  const Icon = state === 'copied' ? Check : Copy;
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <Button
      variant="ghost"
      size={label ? 'sm' : 'icon'}
      title={title}
      // A button with visible text is named by it (the title stays as the tooltip).
      aria-label={label ? undefined : title}
      onClick={copy}
    >
      <Icon className="size-3.5" aria-hidden />
      {text && <span>{text}</span>}
    </Button>
  );
}
