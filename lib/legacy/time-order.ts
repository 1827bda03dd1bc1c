import { isoOf } from './clean';
import type { Draft, Note } from './plan-types';

/**
 * Legacy times are not always in order (a step finished before it started, a workflow completed
 * before it was created). A stream's events must follow each other in time as in version, so an
 * event earlier than the one before it takes that one's time, and the move is noted.
 */
export function inTimeOrder(drafts: Draft[], notes: Note[]): void {
  for (let i = 1; i < drafts.length; i++) {
    const before = drafts[i - 1]!;
    const draft = drafts[i]!;
    if (draft.at < before.at) {
      notes.push({
        ...draft.source,
        note: `${draft.type} at ${isoOf(draft.at)} was before ${before.type} at ${isoOf(before.at)}; moved to that time`,
      });
      draft.at = before.at;
    }
  }
}

/** The first time that is given, in the order of preference. */
export const firstTime = (...times: (Date | null | undefined)[]): Date | null =>
  times.find((time): time is Date => time instanceof Date) ?? null;
