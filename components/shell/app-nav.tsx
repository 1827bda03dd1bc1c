'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { can, type Actor } from '@/lib/actor';
import { cn } from '../ui/cn';
import { NAV_ITEMS, PLANNED_SECTIONS, type NavItem } from './nav-items';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

function NavLink({ item, soon, pathname }: { item: NavItem; soon: boolean; pathname: string }) {
  const { href, label, icon: Icon } = item;
  const active = isActive(pathname, href);
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100',
        active && 'bg-zinc-800 font-medium text-white',
      )}
    >
      <Icon className="size-4 shrink-0" aria-hidden />
      <span className="flex-1">{label}</span>
      {soon && <span className="text-[10px] tracking-wide text-zinc-500 uppercase">Soon</span>}
    </Link>
  );
}

/** The sections the signed-in actor may open; the admin's own pages under a heading of their own. */
export function AppNav({ actor }: { actor: Actor }) {
  const pathname = usePathname();
  const allowed = NAV_ITEMS.filter((item) => !item.role || can(actor, item.role));
  const everyone = allowed.filter((item) => item.role !== 'admin');
  const admin = allowed.filter((item) => item.role === 'admin');
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
      {everyone.map((item) => (
        <NavLink key={item.href} item={item} soon={false} pathname={pathname} />
      ))}
      {PLANNED_SECTIONS.map((item) => (
        <NavLink key={item.href} item={item} soon pathname={pathname} />
      ))}
      {admin.length > 0 && (
        <>
          <p className="mt-4 mb-1 px-2.5 text-[10px] font-medium tracking-wide text-zinc-400 uppercase">
            Administration
          </p>
          {admin.map((item) => (
            <NavLink key={item.href} item={item} soon={false} pathname={pathname} />
          ))}
        </>
      )}
    </nav>
  );
}
