'use client';

import { JsonTree } from '../events/json-tree';

/** A methodology is a few fields: show all of them open. */
const expandAll = () => true;

export function MethodologyView({ methodology }: { methodology: Record<string, unknown> }) {
  return <JsonTree label="Methodology" value={methodology} shouldExpand={expandAll} />;
}
