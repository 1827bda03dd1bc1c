import Form from 'next/form';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button, buttonClasses } from './ui/button';

/**
 * A GET form: applying filters navigates to `action` with them in the query string, so the URL
 * holds the whole view and can be shared or reloaded. Paging cursors are left out on purpose:
 * new filters start at the first page.
 */
export function FilterForm({
  action,
  clearHref,
  hidden = {},
  children,
}: {
  action: string;
  clearHref: string;
  hidden?: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <Form action={action} className="flex flex-wrap items-end gap-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <Link href={clearHref} className={buttonClasses({ variant: 'ghost' })}>
        Clear
      </Link>
    </Form>
  );
}
