import { TableSkeleton } from '@/components/table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <>
      <Skeleton className="mb-5 h-16 w-full" />
      <Skeleton className="mb-5 h-32 w-full" />
      <TableSkeleton rows={6} />
    </>
  );
}
