/** A workflow's console page; `asOf` shows its state at an earlier version. */
export const workflowHref = (workflowId: string, asOf?: number) =>
  `/workflows/${workflowId}${asOf === undefined ? '' : `?asOf=${asOf}`}`;
