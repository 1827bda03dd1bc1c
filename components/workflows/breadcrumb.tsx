import Link from 'next/link';

/** The link above a page's title back to the list it belongs to. */
export function Breadcrumb({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="hover:underline">
      {label}
    </Link>
  );
}
