import { Inbox, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  icon: Icon = Inbox,
}: {
  title: string;
  children?: ReactNode;
  icon?: LucideIcon;
}) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <Icon className="size-8 text-zinc-300" aria-hidden />
      <p className="text-sm font-medium text-zinc-800">{title}</p>
      {children && <div className="max-w-xl text-sm text-zinc-500">{children}</div>}
    </div>
  );
}
