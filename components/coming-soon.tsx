import { Hourglass } from 'lucide-react';
import { PageHeader } from './page-header';
import type { PlannedSection } from './shell/nav-items';
import { Card, CardContent } from './ui/card';

export function ComingSoon({ section }: { section: PlannedSection }) {
  return (
    <>
      <PageHeader title={section.label} description={section.description} />
      <Card className="max-w-2xl">
        <CardContent className="flex gap-4 p-6">
          <Hourglass className="mt-0.5 size-6 shrink-0 text-zinc-500" aria-hidden />
          <div>
            <p className="text-base font-semibold text-zinc-900">Coming soon</p>
            <p className="mt-1 text-sm text-zinc-600">
              This part of the console is not built yet. It will show:
            </p>
            <ul className="mt-2 list-disc pl-5 text-sm text-zinc-600">
              {section.planned.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        </CardContent>
      </Card>
    </>
  );
}
