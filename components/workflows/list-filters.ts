import { z } from 'zod';
import { streamListFilters } from '@/lib/console/filters';
import { workflowStatuses } from '@/lib/domain/workflow/state';

/**
 * The Workflows page's URL. There is no sort parameter: the read model is keyset-paged on the
 * last change only, so the list is always most recently changed first.
 */
export const workflowListFilters = z.object({
  status: z
    .enum(workflowStatuses, { error: `status must be one of ${workflowStatuses.join(', ')}` })
    .optional(),
  search: z.string().trim().max(200, 'search is at most 200 characters').optional(),
  // The same page sizes and cursor bounds as every other list of the console.
  limit: streamListFilters.shape.limit,
  cursor: streamListFilters.shape.cursor,
});

export type WorkflowListFilters = z.output<typeof workflowListFilters>;
