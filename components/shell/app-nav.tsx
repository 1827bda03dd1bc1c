'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '../ui/cn';
import { NAV_ITEMS, PLANNED_SECTIONS } from './nav-items';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function AppNav() {
  const pathname = usePathname();
  const items = [
    ...NAV_ITEMS.map((item) => ({ ...item, soon: false })),
    ...PLANNED_SECTIONS.map((item) => ({ ...item, soon: true })),
  ];
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
      {items.map(({ href, label, icon: Icon, soon }) => {
        const active = isActive(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100',
              active && 'bg-zinc-800 font-medium text-white',
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            <span className="flex-1">{label}</span>
            {soon && (
              <span className="text-[10px] tracking-wide text-zinc-500 uppercase">Soon</span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
