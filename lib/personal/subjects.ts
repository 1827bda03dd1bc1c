import { assertRole, type Actor } from '../actor';
import type { Queryable } from '../event-store/context';

export const SUBJECT_SORTS = ['createdAt', 'events', 'erasedAt', 'subjectId'] as const;
export type SubjectSort = (typeof SUBJECT_SORTS)[number];

/** How many of a subject's streams the list names; the count says how many there are. */
export const STREAMS_SHOWN = 20;

export type SubjectView = {
  subjectId: string;
  /** The first streams in id order, with how many of each one's events name the subject. */
  streams: { streamId: string; events: number }[];
  streamCount: number;
  events: number;
  createdAt: string;
  erasedAt: string | null;
  erasedBy: string | null;
};

export type SubjectPage = { subjects: SubjectView[]; total: number };

const ORDER: Record<SubjectSort, string> = {
  createdAt: 'k.created_at',
  events: 'events',
  erasedAt: 'k.erased_at',
  subjectId: 'k.subject_id',
};

type Row = {
  subject_id: string;
  created_at: Date;
  erased_at: Date | null;
  erased_by: string | null;
  events: number;
  stream_count: number;
  streams: { streamId: string; events: number }[];
  total: number;
};

/**
 * The data subjects the store knows (one row per subject key), for admins only: the list ties
 * each pseudonymous subject id to the streams about that person, which is itself a processing
 * of personal data, needed only by those who may erase.
 */
export async function listSubjects(
  sql: Queryable,
  {
    actor,
    sort = 'createdAt',
    direction = 'desc',
    limit = 50,
    offset = 0,
    subjectId,
  }: {
    actor: Actor;
    /** Only this subject (an e-mail address is looked up by its pseudonym). */
    subjectId?: string;
    sort?: SubjectSort;
    direction?: 'asc' | 'desc';
    limit?: number;
    offset?: number;
  },
): Promise<SubjectPage> {
  assertRole(actor, 'admin');
  const nulls = direction === 'asc' ? 'nulls first' : 'nulls last';
  const rows = await sql<Row[]>`
    select k.subject_id, k.created_at, k.erased_at, k.erased_by,
      coalesce(s.events, 0)::int as events, coalesce(s.stream_count, 0)::int as stream_count,
      coalesce(s.streams, '[]'::jsonb) as streams, count(*) over ()::int as total
    from subject_keys k
    left join lateral (
      select sum(events) as events, count(*) as stream_count,
        (select jsonb_agg(jsonb_build_object('streamId', f.stream_id, 'events', f.events)
           order by f.stream_id)
         from (select stream_id, events from subject_streams
               where subject_id = k.subject_id order by stream_id limit ${STREAMS_SHOWN}) f
        ) as streams
      from subject_streams where subject_id = k.subject_id
    ) s on true
    where ${subjectId ?? null}::text is null or k.subject_id = ${subjectId ?? null}
    order by ${sql.unsafe(`${ORDER[sort]} ${direction} ${nulls}`)}, k.subject_id
    limit ${limit} offset ${offset}`;
  return {
    total: rows[0]?.total ?? (offset > 0 ? await countSubjects(sql, subjectId) : 0),
    subjects: rows.map((row) => ({
      subjectId: row.subject_id,
      streams: row.streams,
      streamCount: row.stream_count,
      events: row.events,
      createdAt: row.created_at.toISOString(),
      erasedAt: row.erased_at?.toISOString() ?? null,
      erasedBy: row.erased_by,
    })),
  };
}

async function countSubjects(sql: Queryable, subjectId: string | undefined): Promise<number> {
  const [row] = await sql<{ total: number }[]>`
    select count(*)::int as total from subject_keys
    where ${subjectId ?? null}::text is null or subject_id = ${subjectId ?? null}`;
  return row?.total ?? 0;
}
