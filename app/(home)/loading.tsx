import { TableSkeleton } from '@/components/table-skeleton';

/**
 * Skeletons live beside list pages only: a loading boundary above a page that may call
 * notFound() starts the response before it can answer 404.
 */
export default function Loading() {
  return <TableSkeleton />;
}
