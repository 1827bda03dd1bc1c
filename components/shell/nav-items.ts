import {
  Archive,
  BadgeCheck,
  Bot,
  Camera,
  KeyRound,
  Layers,
  LayoutDashboard,
  RefreshCw,
  ScrollText,
  ShieldCheck,
  Users,
  UserX,
  Workflow,
  type LucideIcon,
} from 'lucide-react';
import type { Role } from '@/lib/actor';

/** `role`: the least role that may open the page; the others do not see it in the menu. */
export type NavItem = { href: string; label: string; icon: LucideIcon; role?: Role };

/** A section of the console that is planned but not built yet; it gets a "coming soon" page. */
export type PlannedSection = NavItem & { slug: string; description: string; planned: string[] };

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Dashboard', icon: LayoutDashboard },
  { href: '/streams', label: 'Streams', icon: Layers },
  { href: '/events', label: 'Events', icon: ScrollText },
  { href: '/workflows', label: 'Workflows', icon: Workflow },
  { href: '/agents', label: 'Agents', icon: Bot },
  { href: '/projections', label: 'Projections', icon: RefreshCw },
  { href: '/snapshots', label: 'Snapshots', icon: Camera },
  { href: '/integrity', label: 'Integrity', icon: BadgeCheck },
  { href: '/retention', label: 'Retention', icon: Archive },
  { href: '/audit', label: 'Audit', icon: ShieldCheck },
  { href: '/users', label: 'Users', icon: Users, role: 'admin' },
  { href: '/tokens', label: 'API tokens', icon: KeyRound, role: 'admin' },
  { href: '/subjects', label: 'Data subjects', icon: UserX, role: 'admin' },
];

export const PLANNED_SECTIONS: PlannedSection[] = [];
