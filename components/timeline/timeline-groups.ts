import type { RecordedEvent } from '@/lib/event-store';

/**
 * Consecutive events about the same step, task or correlation, shown as one line; at most
 * MAX_GROUP of them, so that a long run (a large batch shares one correlation) still fills the
 * timeline with lines to scroll through, and pages keep loading only as the reader scrolls.
 */
export const MAX_GROUP = 20;

export type EventGroup = { key: string; label: string; events: RecordedEvent[] };

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** What an event is about: its step or task, else its correlation; undefined for neither. */
export function subjectOf(event: RecordedEvent): { key: string; label: string } | undefined {
  const data = event.data as Record<string, unknown>;
  const step = text(data.stepId);
  if (step) return { key: `step:${step}`, label: `step ${step}` };
  const task = text(data.taskId);
  if (task) return { key: `task:${task}`, label: `task ${task}` };
  const correlation = text((event.metadata as Record<string, unknown>).correlationId);
  if (correlation) {
    return { key: `correlation:${correlation}`, label: `correlation ${correlation.slice(0, 8)}` };
  }
  return undefined;
}

/** Events in version order, with runs of the same subject merged (the compact view). */
export function groupEvents(events: readonly RecordedEvent[]): EventGroup[] {
  const groups: EventGroup[] = [];
  for (const event of events) {
    const subject = subjectOf(event);
    const last = groups.at(-1);
    if (
      subject &&
      last &&
      last.events.length < MAX_GROUP &&
      last.key === `${subject.key}@${last.events[0]!.version}`
    ) {
      last.events.push(event);
    } else {
      groups.push({
        key: `${subject?.key ?? 'event'}@${event.version}`,
        label: subject?.label ?? '',
        events: [event],
      });
    }
  }
  return groups;
}

/** Types in order of first appearance, each with how often it occurs: `StepAdded, StepStarted ×2`. */
export function typeSummary(events: readonly RecordedEvent[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => (n === 1 ? type : `${type} ×${n}`)).join(', ');
}
