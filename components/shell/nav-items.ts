import {
  Bot,
  Camera,
  Layers,
  LayoutDashboard,
  RefreshCw,
  ScrollText,
  ShieldCheck,
  Workflow,
  type LucideIcon,
} from 'lucide-react';

export type NavItem = { href: string; label: string; icon: LucideIcon };

/** A section of the console that is planned but not built yet; it gets a "coming soon" page. */
export type PlannedSection = NavItem & { slug: string; description: string; planned: string[] };

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Dashboard', icon: LayoutDashboard },
  { href: '/streams', label: 'Streams', icon: Layers },
  { href: '/events', label: 'Events', icon: ScrollText },
  { href: '/workflows', label: 'Workflows', icon: Workflow },
  { href: '/agents', label: 'Agents', icon: Bot },
  { href: '/snapshots', label: 'Snapshots', icon: Camera },
];

export const PLANNED_SECTIONS: PlannedSection[] = [
  {
    slug: 'projections',
    href: '/projections',
    label: 'Projections',
    icon: RefreshCw,
    description: 'Read models built from the event log.',
    planned: [
      'Each projection with its position, lag and status',
      'Full and incremental replays with live progress',
    ],
  },
  {
    slug: 'audit',
    href: '/audit',
    label: 'Audit',
    icon: ShieldCheck,
    description: 'Who did what in Chronicle, and proof that the history is intact.',
    planned: [
      'The audit trail of console and API actions',
      'Hash-chain verification across streams',
    ],
  },
];
