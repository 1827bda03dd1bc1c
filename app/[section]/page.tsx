import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ComingSoon } from '@/components/coming-soon';
import { PLANNED_SECTIONS } from '@/components/shell/nav-items';
import { requireActor } from '../_session/session';

/**
 * One route for every planned section, so each needs no page of its own until it is built; a
 * real page at `app/<section>/page.tsx` takes precedence over this one.
 */
export const dynamicParams = false;

export function generateStaticParams() {
  return PLANNED_SECTIONS.map(({ slug }) => ({ section: slug }));
}

type Props = { params: Promise<{ section: string }> };

const sectionOf = (slug: string) => PLANNED_SECTIONS.find((section) => section.slug === slug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: sectionOf((await params).section)?.label };
}

export default async function PlannedSectionPage({ params }: Props) {
  await requireActor();
  const section = sectionOf((await params).section);
  if (!section) notFound();
  return <ComingSoon section={section} />;
}
