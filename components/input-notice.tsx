import Link from 'next/link';
import { Notice } from './notice';

/**
 * What a page shows instead of results when its URL asks for something it cannot give (a bad
 * filter, a cursor from another sort order), with a way back to a view that works.
 */
export function InputNotice({
  title = 'These filters are not valid',
  error,
  resetHref,
  resetLabel,
}: {
  title?: string;
  error: string;
  resetHref: string;
  resetLabel: string;
}) {
  return (
    <Notice title={title}>
      <p>{error}</p>
      <Link href={resetHref} className="underline">
        {resetLabel}
      </Link>
    </Notice>
  );
}
