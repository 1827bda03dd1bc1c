/** The commands on the workflow as a whole, in the order their buttons are shown. */
export const WORKFLOW_BUTTONS = [
  { name: 'start', label: 'Start' },
  { name: 'pause', label: 'Pause' },
  { name: 'resume', label: 'Resume' },
  { name: 'complete', label: 'Complete' },
  { name: 'fail', label: 'Fail' },
  { name: 'cancel', label: 'Cancel' },
] as const;

export type WorkflowAction = (typeof WORKFLOW_BUTTONS)[number]['name'];
