import { Card } from './ui/card';
import { Skeleton } from './ui/skeleton';

/** The placeholder a list page shows while the server reads. */
export function TableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="mb-2 h-6 w-48" />
      <Skeleton className="mb-6 h-4 w-80" />
      <Card>
        <div className="border-b border-zinc-200 px-4 py-3">
          <Skeleton className="h-8 w-full max-w-xl" />
        </div>
        <div className="divide-y divide-zinc-100">
          {Array.from({ length: rows }, (_, index) => (
            <div key={index} className="flex gap-6 px-4 py-3">
              <Skeleton className="h-4 w-1/3" />
              <Skeleton className="h-4 w-16" />
              <Skeleton className="h-4 w-40" />
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}
