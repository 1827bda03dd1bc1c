import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import { streamHref } from '../stream-href';

/** Under a page's title: the stream its history is stored in, raw. */
export function StreamLink({ streamId }: { streamId: string }) {
  return (
    <Link
      href={streamHref(streamId)}
      className="inline-flex items-center gap-1 font-mono text-xs hover:text-zinc-900 hover:underline"
    >
      <ScrollText className="size-3.5" aria-hidden />
      {streamId}
    </Link>
  );
}
