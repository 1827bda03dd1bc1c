import type { Erasure } from '@/lib/personal/erase-subject';
import { SUBJECT_ID_PATTERN } from '@/lib/personal/personal-fields';
import { SUBJECT_SORTS, type SubjectPage } from '@/lib/personal/subjects';
import { limit, nonNegative, queryParam, timestamp } from './fields';
import { z } from './zod';

export const listSubjectsQuery = z.object({
  sort: queryParam(z.enum(SUBJECT_SORTS), 'Sort column (default createdAt)'),
  direction: queryParam(z.enum(['asc', 'desc']), 'Sort direction (default desc)'),
  limit: limit(50),
  offset: queryParam(nonNegative, 'Rows to skip (default 0)'),
  email: queryParam(z.email(), 'An e-mail address: only the subject it names'),
});

// Next decodes path segments, but not every code path has; a subject id never holds `%`.
export const subjectIdParam = z
  .string()
  .transform((id) => (id.includes('%') ? safeDecode(id) : id))
  .pipe(z.string().regex(SUBJECT_ID_PATTERN, 'not a subject id'))
  .openapi({ type: 'string', pattern: SUBJECT_ID_PATTERN.source });

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const subjectList = z
  .object({
    subjects: z.array(
      z.object({
        subjectId: z.string().openapi({
          description:
            'Pseudonymous: `email:` and a keyed hash for a named person, or the id an append gave',
        }),
        streams: z
          .array(z.object({ streamId: z.string(), events: z.number().int() }))
          .openapi({ description: 'The first 20 streams in id order' }),
        streamCount: z.number().int(),
        events: z.number().int(),
        createdAt: timestamp,
        erasedAt: timestamp.nullable(),
        erasedBy: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
  })
  .openapi('SubjectList') satisfies z.ZodType<SubjectPage>;

export const erasureResult = z
  .object({
    subjectId: z.string(),
    erasedAt: timestamp.openapi({ description: 'When it was first erased' }),
    events: z.number().int().openapi({ description: 'Events holding its now unreadable data' }),
  })
  .openapi('Erasure') satisfies z.ZodType<Pick<Erasure, 'subjectId' | 'erasedAt' | 'events'>>;
