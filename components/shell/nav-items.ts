import {
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
];

export const PLANNED_SECTIONS: PlannedSection[] = [
  {
    slug: 'workflows',
    href: '/workflows',
    label: 'Workflows',
    icon: Workflow,
    description: 'Research workflows and the steps their agents work on.',
    planned: [
      'Workflows by status, with their steps and assigned agents',
      'Commands: start, pause, resume, complete, fail, cancel',
      'The event history behind each workflow',
    ],
  },
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
    slug: 'snapshots',
    href: '/snapshots',
    label: 'Snapshots',
    icon: Camera,
    description: 'Stored stream states that speed up reads of long streams.',
    planned: ['Counts, sizes and compression ratio', 'Cache hit rate and read timings'],
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
